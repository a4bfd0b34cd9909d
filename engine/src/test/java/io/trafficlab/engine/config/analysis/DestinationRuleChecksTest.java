package io.trafficlab.engine.config.analysis;

import static io.trafficlab.engine.config.analysis.Findings.lines;
import static io.trafficlab.engine.config.analysis.Findings.linesWithTopology;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import org.junit.jupiter.api.Test;

class DestinationRuleChecksTest {

  private static String dr(String host, String body) {
    return """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: rule}
        spec:
          host: %s
        """.formatted(host) + body.indent(2);
  }

  private static final String SUBSETS = """
      subsets:
      - name: v1
        labels: {version: v1}
      - name: v3
        labels: {version: v3}
      """;

  @Test
  void hostMatchingNoServiceIsUnknownOnlyWithATopology() {
    assertThat(lines(dr("reveiws", SUBSETS))).isEmpty();
    assertThat(linesWithTopology(dr("reveiws", SUBSETS))).containsExactly("warning[IST0174] "
        + "s.yaml:5:9 spec.host: The host reveiws defined in the DestinationRule does not match any "
        + "services in the mesh. (DestinationRule default/rule)");
  }

  @Test
  void subsetSelectingNoPodIsReportedAtItsName() {
    Diagnostic d = Findings.analyze(dr("reviews", SUBSETS), Findings.bookinfo()).get(0);
    assertThat(d.render()).isEqualTo("warning[IST0173] s.yaml:9:11 spec.subsets[1].name: The "
        + "Subset v3 defined in the DestinationRule does not select any pods. Which may lead to 503 "
        + "UH (NoHealthyUpstream). (DestinationRule default/rule)");
    assertThat(d.hint()).contains("{version=v3}").contains("{app=reviews,version=v1}");
  }

  @Test
  void wildcardAndFullyQualifiedHostsMatchServices() {
    assertThat(linesWithTopology(dr("reviews.default.svc.cluster.local", ""))).isEmpty();
    assertThat(linesWithTopology(dr("\"*.default.svc.cluster.local\"", ""))).isEmpty();
  }

  @Test
  void simpleTlsWithoutCaCertificatesDoesNotVerifyTheServer() {
    String body = """
        trafficPolicy:
          tls: {mode: SIMPLE}
          portLevelSettings:
          - port: {number: 443}
            tls: {mode: MUTUAL, clientCertificate: /c, privateKey: /k}
          - port: {number: 8443}
            tls: {mode: SIMPLE, caCertificates: /ca.pem}
        """;
    assertThat(lines(dr("reviews", body))).containsExactly(
        "warning[IST0128] s.yaml:7:17 spec.trafficPolicy.tls.mode: DestinationRule default/rule "
            + "in namespace default has TLS mode set to SIMPLE but no caCertificates are set to "
            + "validate server identity for host: reviews (DestinationRule default/rule)",
        "warning[IST0129] s.yaml:10:19 spec.trafficPolicy.portLevelSettings[0].tls.mode: "
            + "DestinationRule default/rule in namespace default has TLS mode set to MUTUAL but no "
            + "caCertificates are set to validate server identity for host: reviews at port "
            + "number:443 (DestinationRule default/rule)");
  }

  @Test
  void credentialNameOrIstioMutualNeedNoCaCertificates() {
    assertThat(lines(dr("reviews", "trafficPolicy:\n  tls: {mode: SIMPLE, credentialName: c}\n")))
        .isEmpty();
    assertThat(lines(dr("reviews", "trafficPolicy:\n  tls: {mode: ISTIO_MUTUAL}\n"))).isEmpty();
  }
}
