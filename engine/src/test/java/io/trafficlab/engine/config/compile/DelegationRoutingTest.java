package io.trafficlab.engine.config.compile;

import static io.trafficlab.engine.config.compile.RouteCompilerTest.gw;
import static io.trafficlab.engine.config.compile.RouteCompilerTest.mesh;
import static io.trafficlab.engine.config.compile.RouteCompilerTest.service;
import static io.trafficlab.engine.config.compile.RouteCompilerTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.ResponseFlag;
import io.trafficlab.engine.core.route.HeaderOp;
import io.trafficlab.engine.core.route.Listener;
import io.trafficlab.engine.core.route.RequestView;
import io.trafficlab.engine.core.route.RouteDecision;
import io.trafficlab.engine.core.route.RouteTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Delegation through the real route compiler and route table: requests that Istio routes through a
 * delegate's rules get the same decision here, with an explanation naming both rules.
 */
class DelegationRoutingTest {

  private static String vs(String namespace, String name, String spec) {
    return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + name
        + ", namespace: " + namespace + "}\nspec:\n" + spec.indent(2) + "---\n";
  }

  private static final String GATEWAY = """
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: gw}
      spec:
        selector: {istio: ingressgateway}
        servers:
        - port: {number: 80, name: http, protocol: HTTP}
          hosts: ["*.example.com"]
      ---
      """;

  /** A gateway root that hands /api to a delegate in namespace test, and sends the rest to b. */
  private static final String ROOT = vs("default", "root", """
      hosts: [x.example.com]
      gateways: [gw]
      http:
      - name: api
        match: [{uri: {prefix: /api}}]
        delegate: {name: api, namespace: test}
      - route: [{destination: {host: b}}]
      """);

  private static final String API = vs("test", "api", """
      http:
      - name: v1
        match: [{uri: {prefix: /api/v1}}]
        route: [{destination: {host: t}}]
      - match: [{uri: {prefix: /api/v2}}]
        route: [{destination: {host: a.default.svc.cluster.local}}]
      - match: [{uri: {prefix: /other}}]
        route: [{destination: {host: c.default.svc.cluster.local}}]
      """);

  @ParameterizedTest
  @CsvSource({
      "/api/v1/x, t",
      "/api/v2, a",
      // the delegate has no rule for it: on to the root's next rule
      "/api/v3, b",
      // the delegate rule for /other conflicts with the root's /api and was left out
      "/other, b",
      "/, b"})
  void gatewayRequestsGoThroughTheDelegatesRules(String path, String expected) {
    RouteTable t = table(GATEWAY + ROOT + API);
    assertThat(service(t.route(gw("x.example.com", path), 0))).isEqualTo(expected);
  }

  @Test
  void explanationNamesTheRootRuleAndTheDelegateRule() {
    RouteTable t = table(GATEWAY + ROOT + API);
    assertThat(t.route(gw("x.example.com", "/api/v1/x"), 0).explanation().toString()).isEqualTo(
        "gateway:80 › x.example.com › VirtualService default/root http[0] → delegate test/api "
            + "http[0] \"api-v1\" → t.test");
    assertThat(t.route(gw("x.example.com", "/api/v2"), 0).explanation().route()).isEqualTo(
        "VirtualService default/root http[0] → delegate test/api http[1] \"api\" → a.default");
    assertThat(t.route(gw("x.example.com", "/api/v3"), 0).explanation().route()).isEqualTo(
        "VirtualService default/root http[1] → b.default");
  }

  @Test
  void delegateShortNamesResolveInTheDelegatesNamespace() {
    // "t" in the delegate (namespace test) is t.test; the same word in the root would be t.default.
    RouteDecision.Forward f = (RouteDecision.Forward) table(GATEWAY + ROOT + API)
        .route(gw("x.example.com", "/api/v1"), 0);
    assertThat(f.cluster().name()).isEqualTo("outbound|80||t.test.svc.cluster.local");
  }

  @Test
  void aDelegateIsNeverRoutedOnItsOwn() {
    RouteTable t = table(GATEWAY + API);
    assertThat(service(t.route(gw("x.example.com", "/api/v1"), 0))).isEqualTo("404 NR");
    assertThat(service(t.route(mesh("t.test.svc.cluster.local", "/api/v1"), 0))).isEqualTo("t");
    assertThat(t.route(mesh("t.test.svc.cluster.local", "/api/v1"), 0).explanation().route())
        .startsWith("default route");
  }

  @ParameterizedTest
  @CsvSource({
      "name: nope, /api/v1, b",
      "'name: api, namespace: default', /api/v1, b",
      "name: root, /api/v1, b"})
  void aRuleWhoseDelegateCannotBeUsedRoutesNothing(String ref, String path, String expected) {
    RouteTable t = table(GATEWAY + ROOT.replace("name: api, namespace: test", ref) + API);
    assertThat(service(t.route(gw("x.example.com", path), 0))).isEqualTo(expected);
  }

  @Test
  void withoutALaterRuleTheRequestsOfAMissingDelegateGet404() {
    RouteTable t = table(GATEWAY + vs("default", "root", """
        hosts: [x.example.com]
        gateways: [gw]
        http:
        - delegate: {name: missing}
        """));
    RouteDecision d = t.route(gw("x.example.com", "/"), 0);
    assertThat(d).isInstanceOfSatisfying(RouteDecision.LocalReply.class,
        l -> assertThat(l.flag()).isEqualTo(ResponseFlag.NR));
  }

  @Test
  void delegateNotExportedToTheRootsNamespaceRoutesNothing() {
    RouteTable t = table(GATEWAY + ROOT + API.replace("http:", "exportTo: [\".\"]\n  http:"));
    assertThat(service(t.route(gw("x.example.com", "/api/v1"), 0))).isEqualTo("b");
  }

  @Test
  void aDelegateCatchAllTakesTheRootRulesMatchesAndStopsLaterRules() {
    RouteTable t = table(GATEWAY + ROOT + vs("test", "api", """
        http:
        - match: [{headers: {x-beta: {exact: "1"}}}]
          route: [{destination: {host: a.default.svc.cluster.local}}]
        - route: [{destination: {host: c.default.svc.cluster.local}}]
        """));
    assertThat(service(t.route(gw("x.example.com", "/api/z"), 0))).isEqualTo("c");
    assertThat(service(t.route(get("/api/z", Map.of("x-beta", "1")), 0))).isEqualTo("a");
    // the beta rule's merged match is uri /api and the header: elsewhere it does not apply
    assertThat(service(t.route(get("/z", Map.of("x-beta", "1")), 0))).isEqualTo("b");
  }

  @Test
  void aRootRuleWithoutMatchDelegatingToACatchAllIsTheLastReachableRule() {
    RouteTable t = table(GATEWAY + vs("default", "root", """
        hosts: [x.example.com]
        gateways: [gw]
        http:
        - delegate: {name: api, namespace: test}
        - route: [{destination: {host: b}}]
        """) + vs("test", "api", "http:\n- route: [{destination: {host: c.default.svc.cluster.local}}]\n"));
    assertThat(service(t.route(gw("x.example.com", "/anything"), 0))).isEqualTo("c");
  }

  @Test
  void theRootRulesTimeoutRetriesAndHeadersApplyUnlessTheDelegateSetsItsOwn() {
    RouteTable t = table(GATEWAY + vs("default", "root", """
        hosts: [x.example.com]
        gateways: [gw]
        http:
        - match: [{uri: {prefix: /api}}]
          timeout: 3s
          retries: {attempts: 0}
          headers: {request: {set: {x-from: root}}}
          delegate: {name: api, namespace: test}
        """) + vs("test", "api", """
        http:
        - match: [{uri: {prefix: /api/own}}]
          timeout: 1s
          headers: {request: {set: {x-from: delegate}}}
          route: [{destination: {host: t}}]
        - route: [{destination: {host: t}}]
        """));
    RouteDecision.Forward inherited = (RouteDecision.Forward) t.route(gw("x.example.com", "/api/x"), 0);
    assertThat(inherited.policy().timeout()).contains(Duration.ofSeconds(3));
    assertThat(inherited.policy().retries().numRetries()).isZero();
    assertThat(inherited.requestHeaderOps()).containsExactly(HeaderOp.set("x-from", "root"));
    RouteDecision.Forward own = (RouteDecision.Forward) t.route(gw("x.example.com", "/api/own"), 0);
    assertThat(own.policy().timeout()).contains(Duration.ofSeconds(1));
    assertThat(own.policy().retries().numRetries()).isZero();
    assertThat(own.requestHeaderOps()).containsExactly(HeaderOp.set("x-from", "delegate"));
  }

  @Test
  void anInheritedMirrorResolvesInTheRootsNamespace() {
    RouteTable t = table(GATEWAY + vs("default", "root", """
        hosts: [x.example.com]
        gateways: [gw]
        http:
        - mirror: {host: d}
          delegate: {name: api, namespace: test}
        """) + vs("test", "api", "http:\n- route: [{destination: {host: t}}]\n"));
    RouteDecision.Forward f = (RouteDecision.Forward) t.route(gw("x.example.com", "/"), 0);
    assertThat(f.mirrors()).extracting(m -> m.cluster().name())
        .containsExactly("outbound|80||d.default.svc.cluster.local");
  }

  @Test
  void theRootsRewriteAppliesToTheDelegatesRoute() {
    RouteTable t = table(GATEWAY + vs("default", "root", """
        hosts: [x.example.com]
        gateways: [gw]
        http:
        - match: [{uri: {prefix: /legacy}}]
          rewrite: {uri: /v2}
          delegate: {name: api, namespace: test}
        """) + vs("test", "api", "http:\n- route: [{destination: {host: t}}]\n"));
    RouteDecision.Forward f = (RouteDecision.Forward) t.route(gw("x.example.com", "/legacy/items"), 0);
    assertThat(f.path()).isEqualTo("/v2/items");
  }

  @Test
  void theRootsDirectResponseWinsOverTheDelegatesRouteAsInIstio124() {
    // The webhook lets a root rule with delegate carry a directResponse; mergeHTTPRoute copies it
    // into every delegate rule without one, and a route with a direct response answers directly.
    RouteTable t = table(GATEWAY + vs("default", "root", """
        hosts: [x.example.com]
        gateways: [gw]
        http:
        - directResponse: {status: 503, body: {string: maintenance}}
          delegate: {name: api, namespace: test}
        """) + vs("test", "api", "http:\n- route: [{destination: {host: t}}]\n"));
    assertThat(service(t.route(gw("x.example.com", "/"), 0))).isEqualTo("503 maintenance");
  }

  @Test
  void meshRootsDelegateForSidecarsWithSourceFiltersFromTheDelegate() {
    RouteTable t = table(vs("default", "a", """
        hosts: [a]
        http:
        - delegate: {name: a-rules}
        """) + vs("default", "a-rules", """
        http:
        - match: [{sourceLabels: {app: canary-client}}]
          route: [{destination: {host: b}}]
        - match: [{headers: {x: {exact: "1"}}}]
          route: [{destination: {host: c}}]
        - route: [{destination: {host: a}}]
        """));
    assertThat(service(t.route(mesh("a", "/"), 0))).isEqualTo("a");
    RequestView canary = RequestView.get(
        new Listener.Sidecar("default", Map.of("app", "canary-client")), "a", "/");
    assertThat(service(t.route(canary, 0))).isEqualTo("b");
    RequestView header = new RequestView(new Listener.Sidecar("default", Map.of("app", "client")),
        "http", "GET", "a", "/", Map.of("x", List.of("1")), "10.0.0.1", false);
    assertThat(service(t.route(header, 0))).isEqualTo("c");
  }

  @Test
  void matchGatewaysOfTheDelegateAndTheRootsBindingBothApply() {
    RouteTable t = table(GATEWAY + vs("default", "root", """
        hosts: [x.example.com]
        gateways: [gw, mesh]
        http:
        - delegate: {name: api, namespace: test}
        """) + vs("test", "api", """
        http:
        - match: [{gateways: [mesh]}]
          route: [{destination: {host: c.default.svc.cluster.local}}]
        - match: [{gateways: [default/gw]}]
          route: [{destination: {host: t}}]
        """));
    assertThat(service(t.route(gw("x.example.com", "/"), 0))).isEqualTo("t");
  }

  private static RequestView get(String path, Map<String, String> headers) {
    Map<String, List<String>> h = new java.util.LinkedHashMap<>();
    headers.forEach((k, v) -> h.put(k, List.of(v)));
    return new RequestView(new Listener.Gateway(80), "http", "GET", "x.example.com", path, h,
        "10.0.0.1", false);
  }
}
