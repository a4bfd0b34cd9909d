package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.webhook.WebhookFixture.assertFinding;
import static io.trafficlab.engine.config.webhook.WebhookFixture.assertReportedOnce;
import static io.trafficlab.engine.config.webhook.WebhookFixture.doc;
import static io.trafficlab.engine.config.webhook.WebhookFixture.webhook;
import static io.trafficlab.engine.config.webhook.WebhookFixture.webhookErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Severity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Istio's ValidateGateway rules, one row per rule: spec text, code, position, path, message words. */
class GatewayChecksTest {
  private static final String REF = "Gateway default/gw";

  /** A Gateway whose only server has {@code hostLine} as its host and {@code extra} port lines. */
  private static String httpServer(String host) {
    return doc("Gateway", "gw", """
        selector:
          istio: ingressgateway
        servers:
        - port:
            number: 80
            name: http
            protocol: HTTP
          hosts:
          - %s
        """.formatted(host));
  }

  static Stream<Arguments> invalidGateways() {
    return Stream.of(
        Arguments.of("short host name", httpServer("productpage"),
            "TL2104", "14:7", "spec.servers[0].hosts[0]", new String[] {"short names (non FQDN) are not allowed"}),
        Arguments.of("partial wildcard", httpServer("\"*bar.com\""),
            "TL2105", "14:7", "spec.servers[0].hosts[0]", new String[] {"partial wildcard", "*bar.com"}),
        Arguments.of("wildcard in the middle", httpServer("foo.*.com"),
            "TL2019", "14:7", "spec.servers[0].hosts[0]", new String[] {"label \"*\" invalid"}),
        Arguments.of("bad namespace part", httpServer("Foo_/a.example.com"),
            "TL2107", "14:7", "spec.servers[0].hosts[0]", new String[] {"invalid namespace value \"Foo_\" in gateway"}),
        Arguments.of("empty namespace part", httpServer("/a.example.com"),
            "TL2106", "14:7", "spec.servers[0].hosts[0]", new String[] {"cannot be empty"}),
        Arguments.of("short name after namespace", httpServer("prod/reviews"),
            "TL2104", "14:7", "spec.servers[0].hosts[0]", new String[] {"short names"}),
        Arguments.of("no servers", doc("Gateway", "gw", "servers: []\n"),
            "TL2102", "6:3", "spec.servers", new String[] {"gateway must have at least one server"}),
        Arguments.of("empty host list", doc("Gateway", "gw", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts: []
            """),
            "TL2103", "8:5", "spec.servers[0].hosts", new String[] {"at least one host"}),
        Arguments.of("unknown protocol", doc("Gateway", "gw", """
            servers:
            - port: {number: 80, name: http, protocol: HTTPX}
              hosts: ["*"]
            """),
            "TL2109", "7:46", "spec.servers[0].port.protocol", new String[] {"invalid protocol \"HTTPX\""}),
        Arguments.of("port out of range", doc("Gateway", "gw", """
            servers:
            - port: {number: 70000, name: http, protocol: HTTP}
              hosts: ["*"]
            """),
            "TL2003", "7:20", "spec.servers[0].port.number", new String[] {"port number 70000 must be in the range 1..65535"}),
        Arguments.of("empty port name", doc("Gateway", "gw", """
            servers:
            - port: {number: 80, name: "", protocol: HTTP}
              hosts: ["*"]
            """),
            "TL2111", "7:30", "spec.servers[0].port.name", new String[] {"port name must be set"}),
        Arguments.of("targetPort", doc("Gateway", "gw", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP, targetPort: 8080}
              hosts: ["*"]
            """),
            "TL2110", "7:64", "spec.servers[0].port.targetPort", new String[] {"targetPort has no impact on Gateways"}),
        Arguments.of("duplicate port names", doc("Gateway", "gw", """
            servers:
            - port: {number: 80, name: web, protocol: HTTP}
              hosts: ["a.example.com"]
            - port: {number: 8080, name: web, protocol: HTTP}
              hosts: ["b.example.com"]
            """),
            "TL2112", "9:32", "spec.servers[1].port.name", new String[] {"port names in servers must be unique", "web"}),
        Arguments.of("HTTPS without tls", doc("Gateway", "gw", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["a.example.com"]
            """),
            "TL2114", "7:11", "spec.servers[0].port", new String[] {"server must have TLS settings for HTTPS/TLS protocols"}),
        Arguments.of("terminating TLS on an HTTP port", doc("Gateway", "gw", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts: ["a.example.com"]
              tls:
                mode: SIMPLE
                credentialName: cert
            """),
            "TL2115", "10:7", "spec.servers[0].tls", new String[] {"plain text HTTP ports"}),
        Arguments.of("tls on a TCP port", doc("Gateway", "gw", """
            servers:
            - port: {number: 31400, name: tcp, protocol: TCP}
              hosts: ["a.example.com"]
              tls: {mode: PASSTHROUGH}
            """),
            "TL2116", "9:10", "spec.servers[0].tls", new String[] {"non HTTPS/TLS ports"}),
        Arguments.of("SIMPLE without any certificate", doc("Gateway", "gw", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["a.example.com"]
              tls:
                mode: SIMPLE
            """),
            "TL2120", "10:13", "spec.servers[0].tls.mode", new String[] {"SIMPLE TLS requires a server certificate and a private key"}),
        Arguments.of("SIMPLE with a certificate but no key", doc("Gateway", "gw", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["a.example.com"]
              tls:
                mode: SIMPLE
                serverCertificate: /etc/certs/cert.pem
            """),
            "TL2120", "10:13", "spec.servers[0].tls.mode", new String[] {"SIMPLE TLS requires a private key"}),
        Arguments.of("MUTUAL without CA bundle", doc("Gateway", "gw", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["a.example.com"]
              tls:
                mode: MUTUAL
                serverCertificate: /etc/certs/cert.pem
                privateKey: /etc/certs/key.pem
            """),
            "TL2120", "10:13", "spec.servers[0].tls.mode", new String[] {"MUTUAL TLS requires a client CA bundle"}),
        Arguments.of("two certificate sources", doc("Gateway", "gw", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["a.example.com"]
              tls:
                mode: SIMPLE
                credentialName: cert
                serverCertificate: /etc/certs/cert.pem
                privateKey: /etc/certs/key.pem
            """),
            "TL2119", "10:7", "spec.servers[0].tls", new String[] {"only one of credential_name"}),
        Arguments.of("ISTIO_MUTUAL with a credential", doc("Gateway", "gw", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["a.example.com"]
              tls:
                mode: ISTIO_MUTUAL
                credentialName: cert
            """),
            "TL2117", "11:7", "spec.servers[0].tls.credentialName", new String[] {"ISTIO_MUTUAL TLS cannot have associated credentialName"}),
        Arguments.of("invalid gateway name", doc("Gateway", "my.gateway", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts: ["*"]
            """),
            "TL2101", "4:9", "metadata.name", new String[] {"invalid gateway name: \"my.gateway\""}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidGateways")
  void invalidGatewayIsRejectedAtTheOffendingNode(String name, String yaml, String code, String lineCol,
      String path, String[] words) {
    List<Diagnostic> found = webhook(yaml);
    String ref = yaml.contains("my.gateway") ? "Gateway default/my.gateway" : REF;
    assertFinding(found, code, lineCol, path, ref, words);
    assertThat(found).filteredOn(d -> d.code().equals(code)).allMatch(Diagnostic::isError);
  }

  /**
   * Mistakes the CRD schema already rejects, so the document never reaches the webhook: the learner
   * is told once, at the same node, with a hint. The webhook rule behind each stays covered by a
   * schema-valid row above.
   */
  static Stream<Arguments> schemaCatchesFirst() {
    return Stream.of(
        Arguments.of("no hosts", doc("Gateway", "gw", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
            """),
            "TL1009", "7:5", "spec.servers[0].hosts", new String[] {"missing required field \"hosts\" in Server"}),
        Arguments.of("port without name", doc("Gateway", "gw", """
            servers:
            - port: {number: 80, protocol: HTTP}
              hosts: ["*"]
            """),
            "TL1009", "7:11", "spec.servers[0].port.name", new String[] {"missing required field \"name\" in Port"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaCatchesFirst")
  void mistakeTheSchemaRejectsIsReportedOnceAtTheOffendingNode(String name, String yaml, String code,
      String lineCol, String path, String[] words) {
    assertReportedOnce(yaml, code, lineCol, path, REF, words);
  }

  static Stream<Arguments> warnings() {
    return Stream.of(
        Arguments.of("httpsRedirect on a TCP server", doc("Gateway", "gw", """
            servers:
            - port: {number: 31400, name: tcp, protocol: TCP}
              hosts: ["a.example.com"]
              tls: {httpsRedirect: true}
            """),
            "TL2113", "9:26", "spec.servers[0].tls.httpsRedirect", new String[] {"httpsRedirect should only be used with http servers"}),
        Arguments.of("certificates with the default PASSTHROUGH mode", doc("Gateway", "gw", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["a.example.com"]
              tls:
                credentialName: cert
            """),
            "TL2118", "10:7", "spec.servers[0].tls.mode", new String[] {"PASSTHROUGH mode does not use certificates, they will be ignored"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warnings")
  void questionableGatewayIsAcceptedWithAWarning(String name, String yaml, String code, String lineCol,
      String path, String[] words) {
    List<Diagnostic> found = webhook(yaml);
    assertFinding(found, code, lineCol, path, REF, words);
    assertThat(found).filteredOn(d -> d.code().equals(code))
        .allMatch(d -> d.severity() == Severity.WARNING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"*\"", "\"*.example.com\"", "bookinfo.example.com", "./bookinfo.example.com",
      "\"*/bookinfo.example.com\"", "prod/bookinfo.example.com", "10.0.0.1", "istio.io."})
  void validServerHostsAreAccepted(String host) {
    assertThat(webhook(httpServer(host))).isEmpty();
  }

  @Test
  void httpsRedirectOnThePlainHttpServerIsValid() {
    assertThat(webhook(doc("Gateway", "gw", """
        servers:
        - port: {number: 80, name: http, protocol: http}
          hosts: ["a.example.com"]
          tls: {httpsRedirect: true}
        - port: {number: 443, name: https, protocol: HTTPS}
          hosts: ["a.example.com"]
          tls: {mode: SIMPLE, credentialName: a-cert}
        - port: {number: 15443, name: tls, protocol: TLS}
          hosts: ["*.local"]
          tls: {mode: AUTO_PASSTHROUGH}
        """))).isEmpty();
  }

  @Test
  void simpleTlsWithoutAnyCertificateIsOneFinding() {
    List<Diagnostic> errors = webhookErrors(doc("Gateway", "gw", """
        servers:
        - port: {number: 443, name: https, protocol: HTTPS}
          hosts: ["a.example.com"]
          tls: {mode: SIMPLE}
        """));
    assertThat(errors).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("SIMPLE TLS requires a server certificate and a private key");
      assertThat(d.hint()).contains("credentialName");
    });
  }

  @Test
  void everyFindingOfOneHostIsReported() {
    List<Diagnostic> errors = webhookErrors(httpServer("foo.*.com"));
    assertThat(errors).extracting(Diagnostic::code).containsExactlyInAnyOrder("TL2019", "TL2105");
  }
}
