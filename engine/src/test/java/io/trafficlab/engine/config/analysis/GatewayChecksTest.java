package io.trafficlab.engine.config.analysis;

import static io.trafficlab.engine.config.analysis.Findings.lines;
import static io.trafficlab.engine.config.analysis.Findings.linesWithTopology;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayChecksTest {

  private static final String GATEWAY = """
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata:
        name: web
      spec:
        selector:
          istio: ingressgateway
        servers:
        - port: {number: 80, name: http, protocol: HTTP}
          hosts: ["*.example.com"]
      ---
      """;

  private static String vs(String gateways, String host) {
    return GATEWAY + """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: site
        spec:
          hosts: [%s]
          gateways: [%s]
          http:
          - route:
            - destination: {host: productpage}
        """.formatted(host, gateways);
  }

  @Test
  void missingGatewayIsReferencedResourceNotFoundAtTheGatewaysEntry() {
    // one typo, one finding: no TL3104 "nothing is bound to web" on top
    assertThat(lines(vs("webb", "www.example.com"))).containsExactly(
        "error[IST0101] s.yaml:18:14 spec.gateways[0]: Referenced gateway not found: \"webb\" "
            + "(VirtualService default/site)");
  }

  @Test
  void gatewayReferencesResolveBareNamesInTheVirtualServiceNamespaceAndMeshIsSpecial() {
    assertThat(lines(vs("web, mesh", "www.example.com"))).isEmpty();
    assertThat(lines(vs("default/web", "www.example.com"))).isEmpty();
    assertThat(lines(vs("web.default.svc.cluster.local", "www.example.com"))).isEmpty();
    assertThat(lines(vs("istio-system/web", "www.example.com")))
        .anyMatch(l -> l.contains("Referenced gateway not found: \"istio-system/web\""));
  }

  @Test
  void gatewayNamedInTheWrongNamespaceIsReportedOnceAtTheReference() {
    assertThat(lines(vs("istio-system/web", "www.example.com"))).singleElement().asString()
        .startsWith("error[IST0101] s.yaml:18:14 spec.gateways[0]: Referenced gateway not found: "
            + "\"istio-system/web\"");
  }

  @Test
  void virtualServiceHostOutsideTheGatewayHostsIsReportedOnTheGatewayReference() {
    Diagnostic d = Findings.analyze(vs("web", "shop.other.org"), Optional.empty()).get(0);
    assertThat(d.render()).isEqualTo("warning[IST0132] s.yaml:18:14 spec.gateways[0]: one or more "
        + "host [shop.other.org] defined in VirtualService default/site not found in Gateway "
        + "default/web. (VirtualService default/site)");
    assertThat(d.hint()).contains("accept hosts *.example.com").contains("404 (NR)");
  }

  @Test
  void gatewayHostsOfAnotherNamespaceAreNotVisibleToTheVirtualService() {
    String yaml = vs("web", "www.example.com").replace("\"*.example.com\"", "\"prod/*.example.com\"");
    assertThat(lines(yaml)).singleElement().asString().contains("IST0132");
    String sameNs = vs("web", "www.example.com").replace("\"*.example.com\"", "\"./*.example.com\"");
    assertThat(lines(sameNs)).isEmpty();
  }

  @Test
  void selectorMatchingNoGatewayPodIsReportedOnlyWithATopology() {
    String yaml = vs("web", "www.example.com").replace("istio: ingressgateway", "istio: ingress");
    assertThat(lines(yaml)).isEmpty();
    Diagnostic d = Findings.analyze(yaml, Findings.bookinfo()).get(0);
    assertThat(d.render()).isEqualTo("error[IST0101] s.yaml:7:5 spec.selector: Referenced selector "
        + "not found: \"istio=ingress\" (Gateway default/web)");
    assertThat(d.hint()).contains("istio-ingressgateway (istio=ingressgateway)");
    assertThat(linesWithTopology(vs("web", "www.example.com"))).isEmpty();
  }

  @Test
  void twoGatewaysWithTheSameSelectorPortAndOverlappingHostsConflict() {
    String second = """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: shop
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: [shop.example.com]
          - port: {number: 8080, name: http2, protocol: HTTP}
            hosts: [shop.example.com]
        ---
        """;
    String yaml = GATEWAY + second + """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: site}
        spec:
          hosts: [shop.example.com]
          gateways: [web, shop]
          http:
          - route:
            - destination: {host: productpage}
        """;
    assertThat(lines(yaml)).containsExactly(
        "error[IST0145] s.yaml:9:11 spec.servers[0].port: Conflict with gateways default/shop "
            + "(workload selector istio=ingressgateway, port 80, hosts *.example.com). "
            + "(Gateway default/web)",
        "error[IST0145] s.yaml:19:11 spec.servers[0].port: Conflict with gateways default/web "
            + "(workload selector istio=ingressgateway, port 80, hosts shop.example.com). "
            + "(Gateway default/shop)");
  }

  @Test
  void gatewayNoVirtualServiceBindsIsReportedOnlyWhenTheConfigHasVirtualServices() {
    assertThat(lines(GATEWAY)).isEmpty();
    String meshOnly = GATEWAY + """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: productpage}
        spec:
          hosts: [productpage]
          http:
          - route:
            - destination: {host: productpage}
        """;
    Diagnostic d = Findings.analyze(meshOnly, Optional.empty()).get(0);
    assertThat(d.code()).isEqualTo("TL3104");
    assertThat(d.hint()).contains("gateways: [web]");
  }
}
