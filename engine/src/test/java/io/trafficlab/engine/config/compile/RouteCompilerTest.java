package io.trafficlab.engine.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.ResponseFlag;
import io.trafficlab.engine.core.policy.RoutePolicy;
import io.trafficlab.engine.core.route.HeaderOp;
import io.trafficlab.engine.core.route.Listener;
import io.trafficlab.engine.core.route.RequestView;
import io.trafficlab.engine.core.route.RouteDecision;
import io.trafficlab.engine.core.route.RouteTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Route compiler and route table behaviours the conformance samples do not cover. */
class RouteCompilerTest {

  private static final String TOPOLOGY = """
      topology:
        namespace: default
        gateways:
          - {name: ingress, namespace: istio-system, labels: {istio: ingressgateway}}
        services:
          - name: a
            port: 80
            pods: [{labels: {app: a, version: v1}}, {labels: {app: a, version: v2}}]
          - name: b
            port: 80
            pods: [{labels: {app: b}}]
          - name: c
            port: 80
            pods: [{labels: {app: c}}]
          - name: d
            port: 80
            pods: [{labels: {app: d}}]
          - name: multi
            ports: [{number: 8080, name: http}, {number: 9090, name: admin}]
            pods: [{labels: {app: multi}}]
          - name: t
            namespace: test
            port: 80
            pods: [{labels: {app: t}}]
      """;

  private static final String GATEWAY = """
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: gw}
      spec:
        selector: {istio: ingressgateway}
        servers:
        - port: {number: 80, name: http, protocol: HTTP}
          hosts: [%s]
      ---
      """;

  static RouteTable table(String config) {
    StringBuilder sb = new StringBuilder("name: inline\nconfig: |\n");
    config.lines().forEach(l -> sb.append("  ").append(l).append('\n'));
    sb.append(TOPOLOGY);
    RoutingCase rc = RoutingCase.parse("inline.yaml", sb.toString());
    assertThat(rc.frontEnd.admissible()).as("admissible: %s", rc.frontEnd.diagnostics()).isTrue();
    return rc.table;
  }

  static RequestView mesh(String host, String path) {
    return RequestView.get(new Listener.Sidecar("default", Map.of("app", "client")), host, path);
  }

  static RequestView gw(String host, String path) {
    return RequestView.get(new Listener.Gateway(80), host, path);
  }

  static String service(RouteDecision d) {
    if (d instanceof RouteDecision.Forward f) {
      return f.cluster().service() + (f.subset() == null ? "" : "/" + f.subset());
    }
    if (d instanceof RouteDecision.LocalReply l) {
      return l.status() + " " + l.flag();
    }
    if (d instanceof RouteDecision.Redirect r) {
      return r.status() + " " + r.location();
    }
    RouteDecision.DirectResponse dr = (RouteDecision.DirectResponse) d;
    return dr.status() + " " + dr.body();
  }

  static String vs(String name, String spec) {
    return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + name
        + "}\nspec:\n" + spec.indent(2) + "---\n";
  }

  @ParameterizedTest
  @CsvSource({
      "x.example.com, /, a",
      "X.Example.COM:8080, /, a",
      "y.example.com, /, 404 NR",
      "other.org, /, 404 NR",
      "a.default.svc.cluster.local, /, 404 NR"})
  void gatewayVirtualHostsAreTheIntersectionOfServerAndVirtualServiceHosts(String host,
      String path, String expected) {
    RouteTable t = table(GATEWAY.formatted("\"*.example.com\"") + vs("v", """
        hosts: [x.example.com, other.org, a]
        gateways: [gw]
        http:
        - route: [{destination: {host: a}}]
        """));
    assertThat(service(t.route(gw(host, path), 0))).isEqualTo(expected);
  }

  @Test
  void serverHostNamespacePartFiltersVirtualServicesByNamespace() {
    String config = GATEWAY.formatted("\"test/*.example.com\", \"./dot.example.com\"") + vs("v", """
        hosts: [x.example.com, dot.example.com]
        gateways: [gw]
        http:
        - route: [{destination: {host: a}}]
        """) + """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: v2, namespace: test}
        spec:
          hosts: [y.example.com]
          gateways: [default/gw]
          http:
          - route: [{destination: {host: t}}]
        """;
    RouteTable t = table(config);
    assertThat(service(t.route(gw("x.example.com", "/"), 0))).isEqualTo("404 NR");
    assertThat(service(t.route(gw("y.example.com", "/"), 0))).isEqualTo("t");
    assertThat(service(t.route(gw("dot.example.com", "/"), 0))).isEqualTo("a");
  }

  @ParameterizedTest
  @CsvSource({
      "shop.example.com, a",
      "x.shop.example.com, b",
      "x.example.com, c",
      "example.com, d",
      "anything.org, d"})
  void virtualHostPrecedenceIsExactThenLongestSuffixThenStar(String host, String expected) {
    String config = GATEWAY.formatted("\"*\"")
        + vs("exact", "hosts: [shop.example.com]\ngateways: [gw]\nhttp:\n- route: [{destination: {host: a}}]\n")
        + vs("long", "hosts: [\"*.shop.example.com\"]\ngateways: [gw]\nhttp:\n- route: [{destination: {host: b}}]\n")
        + vs("short", "hosts: [\"*.example.com\"]\ngateways: [gw]\nhttp:\n- route: [{destination: {host: c}}]\n")
        + vs("star", "hosts: [\"*\"]\ngateways: [gw]\nhttp:\n- route: [{destination: {host: d}}]\n");
    assertThat(service(table(config).route(gw(host, "/"), 0))).isEqualTo(expected);
  }

  @Test
  void catchAllRoutesOfMergedVirtualServicesMoveToTheEnd() {
    String config = GATEWAY.formatted("shop.example.com")
        + vs("first", "hosts: [shop.example.com]\ngateways: [gw]\nhttp:\n- route: [{destination: {host: a}}]\n")
        + vs("second", """
            hosts: [shop.example.com]
            gateways: [gw]
            http:
            - match: [{uri: {prefix: /b}}]
              route: [{destination: {host: b}}]
            """);
    RouteTable t = table(config);
    assertThat(service(t.route(gw("shop.example.com", "/b/1"), 0))).isEqualTo("b");
    assertThat(service(t.route(gw("shop.example.com", "/other"), 0))).isEqualTo("a");
  }

  @Test
  void httpsRedirectAppliesToServerHostsWithoutVirtualService() {
    String config = """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: [secure.example.com]
            tls: {httpsRedirect: true}
        """;
    RouteTable t = table(config);
    assertThat(service(t.route(gw("secure.example.com:80", "/a?b=1"), 0)))
        .isEqualTo("301 https://secure.example.com:80/a?b=1");
    RequestView tls = new RequestView(new Listener.Gateway(80), "https", "GET",
        "secure.example.com", "/", Map.of(), null, true);
    assertThat(service(t.route(tls, 0))).isEqualTo("404 NR");
  }

  @Test
  void unknownGatewayPortIsNoRoute() {
    RouteTable t = table(GATEWAY.formatted("\"*\""));
    RouteDecision d = t.route(RequestView.get(new Listener.Gateway(8443), "x", "/"), 0);
    assertThat(service(d)).isEqualTo("404 NR");
    assertThat(t.gatewayPorts()).containsExactly(80);
  }

  @ParameterizedTest
  @CsvSource({
      "a, default, 200",
      "a:80, default, 200",
      "a.default, default, 200",
      "a.default.svc, default, 200",
      "a.default.svc.cluster.local, default, 200",
      "A.DEFAULT.SVC.CLUSTER.LOCAL:80, default, 200",
      "a, test, 404",
      "t, test, 200",
      "t.test, default, 200",
      "nowhere.example.com, default, 404"})
  void meshHostSelectsTheServiceByItsDomains(String host, String clientNs, int status) {
    RouteTable t = table("");
    RouteDecision d = t.route(RequestView.get(
        new Listener.Sidecar(clientNs, Map.of("app", "client")), host, "/"), 0);
    if (status == 200) {
      assertThat(d).isInstanceOf(RouteDecision.Forward.class);
    } else {
      assertThat(service(d)).isEqualTo("404 NR");
      assertThat(d.explanation().route()).contains("Envoy has no route");
    }
  }

  @Test
  void serviceWithoutVirtualServiceGetsTheDefaultRouteToAllEndpoints() {
    RouteDecision d = table("").route(mesh("a", "/x"), 0);
    RouteDecision.Forward f = (RouteDecision.Forward) d;
    assertThat(f.cluster().name()).isEqualTo("outbound|80||a.default.svc.cluster.local");
    assertThat(f.cluster().endpoints()).hasSize(2);
    assertThat(f.policy()).isEqualTo(RoutePolicy.DEFAULT);
    assertThat(f.policy().timeout()).isEmpty();
    assertThat(f.explanation().route()).startsWith("default route");
  }

  @Test
  void virtualServiceShortHostsResolveInTheirOwnNamespace() {
    String config = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: a, namespace: test}
        spec:
          hosts: [a]
          http:
          - route: [{destination: {host: b.default.svc.cluster.local}}]
        """;
    // "a" in namespace test is a.test.svc.cluster.local: the service a.default keeps its default route.
    assertThat(service(table(config).route(mesh("a", "/"), 0))).isEqualTo("a");
  }

  @ParameterizedTest
  @CsvSource({
      "productpage, default, b",
      "reviews, default, c",
      "productpage, other, c"})
  void sourceLabelsAndSourceNamespaceSelectRulesPerClient(String app, String ns, String expected) {
    RouteTable t = table(vs("a", """
        hosts: [a.default.svc.cluster.local]
        http:
        - match: [{sourceLabels: {app: productpage}, sourceNamespace: default}]
          route: [{destination: {host: b}}]
        - route: [{destination: {host: c}}]
        """));
    RouteDecision d = t.route(RequestView.get(
        new Listener.Sidecar(ns, Map.of("app", app, "version", "v1")), "a.default", "/"), 0);
    assertThat(service(d)).isEqualTo(expected);
  }

  @Test
  void matchPortAndMatchGatewaysArePerProxyFilters() {
    RouteTable t = table(GATEWAY.formatted("\"*\"") + vs("m", """
        hosts: [multi, "*"]
        gateways: [gw, mesh]
        http:
        - match: [{port: 9090}]
          route: [{destination: {host: b}}]
        - match: [{gateways: [gw]}]
          route: [{destination: {host: c}}]
        - route: [{destination: {host: d}}]
        """.replace("hosts: [multi, \"*\"]", "hosts: [multi.default.svc.cluster.local]")));
    Listener admin = new Listener.Sidecar("default", Map.of(), 9090);
    Listener http = new Listener.Sidecar("default", Map.of(), 8080);
    assertThat(service(t.route(RequestView.get(admin, "multi", "/"), 0))).isEqualTo("b");
    assertThat(service(t.route(RequestView.get(http, "multi", "/"), 0))).isEqualTo("d");
    assertThat(service(t.route(RequestView.get(http, "multi:9090", "/"), 0))).isEqualTo("d");
    assertThat(service(t.route(gw("multi.default.svc.cluster.local", "/"), 0))).isEqualTo("c");
  }

  @ParameterizedTest
  @CsvSource({
      "/API/v1, GET, b",
      "/api/V1/x, GET, c",
      "/Exact, POST, d",
      "/exact, GET, d",
      "/exactly, GET, 404 NR"})
  void ignoreUriCaseAppliesToExactAndPrefix(String path, String method, String expected) {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - match: [{uri: {exact: /api/v1}, ignoreUriCase: true}]
          route: [{destination: {host: b}}]
        - match: [{uri: {prefix: /api/v1/}, ignoreUriCase: true}]
          route: [{destination: {host: c}}]
        - match: [{uri: {exact: /EXACT}, ignoreUriCase: true, method: {exact: POST}}, {uri: {exact: /exact}}]
          route: [{destination: {host: d}}]
        """));
    RequestView r = new RequestView(mesh("a", path).listener(), "http", method, "a", path, Map.of(),
        null, false);
    assertThat(service(t.route(r, 0))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "'/p?version=2', b",
      "'/p?x=1&version=20', c",
      "'/p?version=v9', d",
      "'/p?debug', e",
      "'/p?version2=2', 404 NR",
      "/p, 404 NR"})
  void queryParamsMatchExactPrefixRegexAndPresence(String path, String expected) {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - match: [{queryParams: {version: {exact: "2"}}}]
          route: [{destination: {host: b}}]
        - match: [{queryParams: {version: {prefix: "2"}}}]
          route: [{destination: {host: c}}]
        - match: [{queryParams: {version: {regex: "v[0-9]"}}}]
          route: [{destination: {host: d}}]
        - match: [{queryParams: {debug: {}}}]
          route: [{destination: {host: a, subset: v1}}]
        """.replace("{host: a, subset: v1}", "{host: a.default.svc.cluster.local}")
        .replace("route: [{destination: {host: a.default.svc.cluster.local}}]",
            "route: [{destination: {host: e}}]")));
    // e does not exist in the topology: the route exists but its cluster does not.
    String got = service(t.route(mesh("a", path), 0));
    assertThat(got).isEqualTo(expected.equals("e") ? "503 NC" : expected);
  }

  @ParameterizedTest
  @CsvSource(value = {
      "x-free | - | b",
      "x-tier | free | c",
      "x-tier | premium | b",
      "x-tier | '' | b"}, delimiter = '|')
  void withoutHeadersTreatsAMissingHeaderAsEmpty(String header, String value, String expected) {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - match: [{withoutHeaders: {x-tier: {exact: free}}, headers: {}}]
          route: [{destination: {host: b}}]
        - route: [{destination: {host: c}}]
        """));
    RequestView r = value.equals("-") ? mesh("a", "/") : mesh("a", "/").withHeaders(Map.of(header, value));
    assertThat(service(t.route(r, 0))).isEqualTo(expected);
  }

  @Test
  void withoutHeadersPresenceMatchesOnlyWhenTheHeaderIsAbsent() {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - match: [{withoutHeaders: {x-debug: {}}}]
          route: [{destination: {host: b}}]
        - route: [{destination: {host: c}}]
        """));
    assertThat(service(t.route(mesh("a", "/"), 0))).isEqualTo("b");
    assertThat(service(t.route(mesh("a", "/").withHeaders(Map.of("x-debug", "")), 0))).isEqualTo("c");
  }

  @Test
  void headerMatchesAreCaseSensitiveOnValuesAndJoinRepeatedHeaders() {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - match: [{headers: {X-Env: {exact: "a,b"}}}]
          route: [{destination: {host: b}}]
        - match: [{scheme: {exact: https}}, {authority: {prefix: "a:"}}]
          route: [{destination: {host: d}}]
        - route: [{destination: {host: c}}]
        """));
    RequestView twoValues = new RequestView(mesh("a", "/").listener(), "http", "GET", "a", "/",
        Map.of("x-env", List.of("a", "b")), null, false);
    assertThat(service(t.route(twoValues, 0))).isEqualTo("b");
    assertThat(service(t.route(mesh("a", "/").withHeaders(Map.of("x-env", "A,B")), 0))).isEqualTo("c");
    assertThat(service(t.route(mesh("a:80", "/"), 0))).isEqualTo("d");
  }

  @ParameterizedTest
  @CsvSource({
      "/foo/bar, //bar",
      "/foo, /",
      "/foo/bar?q=1, //bar?q=1",
      "/exact?x=y, /replaced?x=y",
      "/r/42, /regex",
      "/other, /v1other"})
  void uriRewriteReplacesTheMatchedPrefixOrTheWholePath(String path, String rewritten) {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - match: [{uri: {prefix: /foo}}]
          rewrite: {uri: /}
          route: [{destination: {host: b}}]
        - match: [{uri: {exact: /exact}}]
          rewrite: {uri: /replaced, authority: new.example.com}
          route: [{destination: {host: b}}]
        - match: [{uri: {regex: "/r/[0-9]+"}}]
          rewrite: {uri: /regex}
          route: [{destination: {host: b}}]
        - rewrite: {uri: /v1}
          route: [{destination: {host: b}}]
        """));
    RouteDecision.Forward f = (RouteDecision.Forward) t.route(mesh("a", path), 0);
    assertThat(f.path()).isEqualTo(rewritten);
    assertThat(f.authority()).isEqualTo(path.startsWith("/exact") ? "new.example.com" : "a");
  }

  @Test
  void uriRegexRewriteSubstitutesGroups() {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - rewrite: {uriRegexRewrite: {match: "^/service/([^/]+)(/.*)$", rewrite: "\\\\2/instance/\\\\1"}}
          route: [{destination: {host: b}}]
        """));
    RouteDecision.Forward f = (RouteDecision.Forward) t.route(mesh("a", "/service/foo/v1/api?x=1"), 0);
    assertThat(f.path()).isEqualTo("/v1/api/instance/foo?x=1");
  }

  @ParameterizedTest
  @CsvSource({
      "/r1, 301 https://new.example.com/moved",
      "'/r1?a=b', 301 https://new.example.com/moved?a=b",
      "/r2, 302 http://a:8080/r2",
      "/r3, 307 https://a/r3",
      "/r4, 308 http://a/elsewhere",
      "/r5, 404 NR"})
  void redirectBuildsTheLocationFromConfiguredParts(String path, String expected) {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - match: [{uri: {exact: /r1}}]
          redirect: {uri: /moved, authority: new.example.com, scheme: https}
        - match: [{uri: {exact: /r2}}]
          redirect: {port: 8080, redirectCode: 302}
        - match: [{uri: {exact: /r3}}]
          redirect: {scheme: https, derivePort: FROM_PROTOCOL_DEFAULT, redirectCode: 307}
        - match: [{uri: {exact: /r4}}]
          redirect: {uri: /elsewhere, derivePort: FROM_REQUEST_PORT, redirectCode: 308}
        - match: [{uri: {exact: /r5}}]
          redirect: {uri: /x, redirectCode: 305}
        """));
    assertThat(service(t.route(mesh("a", path), 0))).isEqualTo(expected);
  }

  @Test
  void directResponseAnswersWithStatusAndBody() {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - directResponse: {status: 418, body: {string: "teapot"}}
          headers: {response: {set: {x-why: brewed}}}
        """));
    RouteDecision.DirectResponse d = (RouteDecision.DirectResponse) t.route(mesh("a", "/"), 0);
    assertThat(d.status()).isEqualTo(418);
    assertThat(d.body()).isEqualTo("teapot");
    assertThat(d.responseHeaderOps()).containsExactly(HeaderOp.set("x-why", "brewed"));
  }

  @Test
  void headerOperationsApplyRuleLevelThenDestinationLevel() {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - headers:
            request:
              set: {X-Rule: r}
              add: {x-multi: "1"}
              remove: [x-secret]
            response:
              set: {x-served-by: rule}
          route:
          - destination: {host: b}
            headers:
              request: {set: {x-rule: dest}, add: {Host: other.example.com}}
              response: {remove: [x-internal]}
        """));
    RouteDecision.Forward f = (RouteDecision.Forward) t.route(mesh("a", "/"), 0);
    assertThat(f.requestHeaderOps()).containsExactly(HeaderOp.remove("x-secret"),
        HeaderOp.set("x-rule", "r"), HeaderOp.add("x-multi", "1"), HeaderOp.set("x-rule", "dest"));
    assertThat(f.responseHeaderOps()).containsExactly(HeaderOp.set("x-served-by", "rule"),
        HeaderOp.remove("x-internal"));
    assertThat(f.authority()).isEqualTo("other.example.com");
  }

  @Test
  void mirrorsFireAtTheirPercentage() {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - route: [{destination: {host: a}}]
          mirrors:
          - destination: {host: b}
            percentage: {value: 25}
          - destination: {host: c}
          - destination: {host: missing}
        """));
    SplittableRandom random = new SplittableRandom(3);
    int n = 20_000;
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      RouteDecision.Forward f = (RouteDecision.Forward) t.route(mesh("a", "/"), random.nextLong());
      f.mirrors().forEach(m -> counts.merge(m.cluster().service(), 1, Integer::sum));
    }
    assertThat(counts.get("c")).isEqualTo(n);
    assertThat(counts).doesNotContainKey("missing");
    double share = counts.get("b") / (double) n;
    assertThat(Math.abs(share - 0.25)).isLessThanOrEqualTo(4 * Math.sqrt(0.25 * 0.75 / n));
  }

  @Test
  void singleMirrorWithMirrorPercentage() {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - route: [{destination: {host: a}}]
          mirror: {host: b}
          mirrorPercentage: {value: 0.0}
        """));
    RouteDecision.Forward f = (RouteDecision.Forward) t.route(mesh("a", "/"), 99);
    assertThat(f.mirrors()).isEmpty();
  }

  @Test
  void relativeWeightsSplitWithinFourSigma() {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - route:
          - {destination: {host: b}, weight: 1}
          - {destination: {host: c}, weight: 2}
          - {destination: {host: d}, weight: 7}
          - {destination: {host: a}, weight: 0}
        """));
    SplittableRandom random = new SplittableRandom(11);
    int n = 50_000;
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge(service(t.route(mesh("a", "/"), random.nextLong())), 1, Integer::sum);
    }
    assertThat(counts).doesNotContainKey("a");
    Map<String, Double> expected = Map.of("b", 0.1, "c", 0.2, "d", 0.7);
    expected.forEach((k, p) -> assertThat(Math.abs(counts.get(k) / (double) n - p))
        .as("%s in %s", k, counts).isLessThanOrEqualTo(4 * Math.sqrt(p * (1 - p) / n)));
    RouteDecision d = t.route(mesh("a", "/"), 0);
    assertThat(d.explanation().route()).matches(
        "VirtualService default/a http\\[0\\] → [bcd]\\.default \\(weight [127]/10\\)");
  }

  @Test
  void subsetWithoutPodsIsNoHealthyUpstreamAndMissingSubsetIsNoCluster() {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - match: [{uri: {prefix: /empty}}]
          route: [{destination: {host: a, subset: v9}}]
          fault: {abort: {httpStatus: 500, percentage: {value: 100}}}
        - route: [{destination: {host: a, subset: nope}}]
        """) + """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: a}
        spec:
          host: a
          subsets:
          - {name: v9, labels: {version: v9}}
        """);
    RouteDecision.LocalReply uh = (RouteDecision.LocalReply) t.route(mesh("a", "/empty"), 0);
    assertThat(uh.flag()).isEqualTo(ResponseFlag.UH);
    assertThat(uh.status()).isEqualTo(503);
    assertThat(uh.body()).isEqualTo("no healthy upstream");
    assertThat(uh.policy()).isPresent();
    RouteDecision.LocalReply nc = (RouteDecision.LocalReply) t.route(mesh("a", "/"), 0);
    assertThat(nc.flag()).isEqualTo(ResponseFlag.NC);
    assertThat(nc.explanation().route()).contains("outbound|80|nope|a.default.svc.cluster.local");
  }

  @Test
  void destinationPortDefaultsToTheOnlyPortElseTheListenerPort() {
    RouteTable t = table(GATEWAY.formatted("\"*\"") + vs("g", """
        hosts: ["*"]
        gateways: [gw]
        http:
        - match: [{uri: {prefix: /a}}]
          route: [{destination: {host: a}}]
        - route: [{destination: {host: multi}}]
        """));
    assertThat(((RouteDecision.Forward) t.route(gw("x", "/a"), 0)).cluster().port()).isEqualTo(80);
    RouteDecision.LocalReply nc = (RouteDecision.LocalReply) t.route(gw("x", "/m"), 0);
    assertThat(nc.flag()).isEqualTo(ResponseFlag.NC);
    assertThat(nc.explanation().route()).contains("outbound|80||multi.default.svc.cluster.local");
  }

  @Test
  void destinationRuleExactHostBeatsWildcardAndSubsetsSelectPods() {
    RouteTable t = table("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: wide}
        spec:
          host: "*.default.svc.cluster.local"
          subsets:
          - {name: all, labels: {}}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: a}
        spec:
          host: a
          subsets:
          - {name: v2, labels: {version: v2}}
        """);
    assertThat(t.cluster("outbound|80|v2|a.default.svc.cluster.local")).get()
        .satisfies(c -> assertThat(c.endpoints()).extracting(e -> e.name())
            .containsExactly("a-v2-0"));
    assertThat(t.cluster("outbound|80|all|a.default.svc.cluster.local")).isEmpty();
    assertThat(t.cluster("outbound|80|all|b.default.svc.cluster.local")).isPresent();
  }

  @Test
  void explanationNamesListenerVirtualHostAndRule() {
    RouteTable t = table(GATEWAY.formatted("shop.example.com") + vs("shop", """
        hosts: [shop.example.com]
        gateways: [gw]
        http:
        - name: catalog
          match: [{uri: {prefix: /x}}, {uri: {prefix: /catalog}}]
          route: [{destination: {host: a}}]
        """));
    RouteDecision d = t.route(gw("shop.example.com", "/catalog"), 0);
    assertThat(d.explanation().toString()).isEqualTo(
        "gateway:80 › shop.example.com › VirtualService default/shop http[0].match[1] \"catalog\" → a.default");
  }

  @ParameterizedTest
  @CsvSource({
      "/café/x, b",
      "/ā/x, c",
      "/ą/x, d",
      "/a, d"})
  void literalPrefilterNeverSkipsARouteThatMatchesNonLatin1Paths(String path, String expected) {
    RouteTable t = table(vs("a", """
        hosts: [a]
        http:
        - match: [{uri: {prefix: "/café/"}}]
          route: [{destination: {host: b}}]
        - match: [{uri: {prefix: "/ā/"}}]
          route: [{destination: {host: c}}]
        - route: [{destination: {host: d}}]
        """));
    assertThat(service(t.route(mesh("a", path), 0))).isEqualTo(expected);
  }
}
