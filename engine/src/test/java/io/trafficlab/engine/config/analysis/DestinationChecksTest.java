package io.trafficlab.engine.config.analysis;

import static io.trafficlab.engine.config.analysis.Findings.lines;
import static io.trafficlab.engine.config.analysis.Findings.linesWithTopology;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationChecksTest {

  private static final String REVIEWS_DR = """
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: reviews}
      spec:
        host: reviews
        subsets:
        - name: v1
          labels: {version: v1}
        - name: v2
          labels: {version: v2}
      ---
      """;

  /** A mesh VirtualService for reviews whose only rule routes to {@code destination}. */
  private static String route(String destination) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: %s
        """.formatted(destination);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{host: reviewz}              | error[IST0101] s.yaml:8:27 spec.http[0].route[0].destination.host: Referenced host not found: \"reviewz\" (VirtualService default/reviews)",
      "{host: reviews.prod}         | error[IST0101] s.yaml:8:27 spec.http[0].route[0].destination.host: Referenced host not found: \"reviews.prod\" (VirtualService default/reviews)",
      "{host: reviews, port: {number: 9090}} | error[IST0101] s.yaml:8:51 spec.http[0].route[0].destination.port.number: Referenced host:port not found: \"reviews:9090\" (VirtualService default/reviews)",
      "{host: multi}                | error[IST0112] s.yaml:8:27 spec.http[0].route[0].destination.host: This VirtualService routes to a service \"multi\" that exposes multiple ports [8080 9090]. Specifying a port in the destination is required to disambiguate. (VirtualService default/reviews)",
  })
  void destinationHostAndPortMustExistInTheTopology(String destination, String expected) {
    assertThat(linesWithTopology(route(destination))).containsExactly(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{host: reviews}",
      "{host: reviews.default.svc.cluster.local}",
      "{host: reviews, port: {number: 9080}}",
      "{host: multi, port: {number: 9090}}",
      "{host: productpage}",
  })
  void destinationsThatExistAreNotReported(String destination) {
    assertThat(linesWithTopology(route(destination))).isEmpty();
  }

  @Test
  void hostsAreNotCheckedWithoutATopology() {
    assertThat(lines(route("{host: reviewz}"))).isEmpty();
  }

  @Test
  void missingHostHintListsKnownServicesAndTheResolutionNamespace() {
    Diagnostic d = Findings.analyze(route("{host: reviewz}"), Findings.bookinfo()).get(0);
    assertThat(d.hint()).contains("reviewz.default.svc.cluster.local")
        .contains("productpage.default, reviews.default").contains("namespace (default)");
  }

  @Test
  void mirrorHostNotFoundIsNamedMirrorHost() {
    String yaml = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews}
            mirror: {host: shadow}
        """;
    assertThat(linesWithTopology(yaml)).containsExactly("error[IST0101] s.yaml:9:20 "
        + "spec.http[0].mirror.host: Referenced mirror host not found: \"shadow\" "
        + "(VirtualService default/reviews)");
  }

  @Test
  void subsetMissingFromTheDestinationRuleIsReportedAtTheSubsetWithoutTopology() {
    Diagnostic d = Findings.analyze(REVIEWS_DR + route("{host: reviews, subset: v3}"),
        java.util.Optional.empty()).get(0);
    assertThat(d.render()).isEqualTo("error[IST0101] s.yaml:19:44 "
        + "spec.http[0].route[0].destination.subset: Referenced host+subset in destinationrule not "
        + "found: \"reviews+v3\" (VirtualService default/reviews)");
    assertThat(d.hint()).isEqualTo("DestinationRule default/reviews defines subsets v1, v2; add "
        + "subset v3 there or use a defined one. Until then requests routed here get 503 (NC)");
  }

  @Test
  void subsetWithoutAnyDestinationRuleIsReportedOnlyWhenTheTopologyIsKnown() {
    String yaml = route("{host: reviews, subset: v1}");
    assertThat(lines(yaml)).isEmpty();
    assertThat(linesWithTopology(yaml)).containsExactly("error[IST0101] s.yaml:8:44 "
        + "spec.http[0].route[0].destination.subset: Referenced host+subset in destinationrule not "
        + "found: \"reviews+v1\" (VirtualService default/reviews)");
  }

  @Test
  void definedSubsetsAreFoundWhateverTheHostSpelling() {
    assertThat(linesWithTopology(REVIEWS_DR
        + route("{host: reviews.default.svc.cluster.local, subset: v2}"))).isEmpty();
  }

  @Test
  void mirrorSubsetMissingIsNamedMirrorSubset() {
    String yaml = REVIEWS_DR + """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v1}
            mirrors:
            - destination: {host: reviews, subset: v9}
        """;
    assertThat(lines(yaml)).containsExactly("error[IST0101] s.yaml:21:44 "
        + "spec.http[0].mirrors[0].destination.subset: Referenced mirror+subset in destinationrule "
        + "not found: \"reviews+v9\" (VirtualService default/reviews)");
  }

  @Test
  void ingressRouteWithoutSubsetWhileTheMeshRouteSubsetsIsIneffectiveSubsetRouting() {
    String yaml = REVIEWS_DR + """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: web}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: ["*"]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: edge}
        spec:
          hosts: ["*"]
          gateways: [web]
          http:
          - route:
            - destination: {host: reviews}
        ---
        """ + route("{host: reviews, subset: v1}");
    List<String> lines = lines(yaml);
    assertThat(lines).containsExactly("warning[IST0140] s.yaml:29:27 "
        + "spec.http[0].route[0].destination.host: Subset in virtual service default/reviews has no "
        + "effect on ingress gateway default/edge requests (VirtualService default/edge)");
  }
}
