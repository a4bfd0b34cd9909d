package io.trafficlab.engine.dataplane.tls;

import static io.trafficlab.engine.testing.NetTesting.await;
import static io.trafficlab.engine.testing.NetTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.dataplane.EngineRuntime;
import io.trafficlab.engine.dataplane.http.ClientConnection;
import io.trafficlab.engine.dataplane.http.ClientEndpoint;
import io.trafficlab.engine.dataplane.http.HttpServerEndpoint;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import io.trafficlab.engine.dataplane.http.ServerOptions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayCertificatesTest {
  private static final TlsServer BOOKINFO =
      new TlsServer("bookinfo-credential", List.of("bookinfo.example.com"));
  private static final TlsServer WILDCARD =
      new TlsServer("wildcard-credential", List.of("*/*.example.com", "example.com"));
  private static final TlsServer ANY = new TlsServer("any-credential", List.of("*"));

  private static EngineRuntime runtime;
  private static GatewayCertificates certs;

  @BeforeAll
  static void start() {
    runtime = EngineRuntime.start(1);
    certs = GatewayCertificates.issue(List.of(BOOKINFO, WILDCARD), Optional.empty());
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  private static List<String> sans(X509Certificate cert) throws Exception {
    return cert.getSubjectAlternativeNames().stream().map(l -> (String) l.get(1)).toList();
  }

  @Test
  void eachCredentialGetsACertificateForItsServerHostsWildcardsIncluded() throws Exception {
    assertThat(sans(certs.certificate("bookinfo-credential").orElseThrow().certificate()))
        .containsExactly("bookinfo.example.com");
    assertThat(sans(certs.certificate("wildcard-credential").orElseThrow().certificate()))
        .containsExactly("*.example.com", "example.com");
  }

  @ParameterizedTest
  @CsvSource({
      "bookinfo.example.com, bookinfo-credential",
      "BOOKINFO.example.com, bookinfo-credential",
      "a.example.com,        wildcard-credential",
      "example.com,          wildcard-credential",
      "other.test,           bookinfo-credential",
      "'',                   bookinfo-credential",
  })
  void sniPicksTheMostSpecificServerElseTheFirst(String sni, String credential) {
    assertThat(GatewayCertificates.select(List.of(BOOKINFO, WILDCARD), sni).credentialName())
        .isEqualTo(credential);
  }

  @Test
  void catchAllServerLosesToAnyNamedHost() {
    assertThat(GatewayCertificates.select(List.of(ANY, WILDCARD), "x.example.com")
        .credentialName()).isEqualTo("wildcard-credential");
    assertThat(GatewayCertificates.select(List.of(WILDCARD, ANY), "x.test").credentialName())
        .isEqualTo("any-credential");
  }

  @Test
  void handshakeWithSniGetsTheCertificateForThatHostAndTheServerSeesTheName() throws Exception {
    HttpServerEndpoint server = await(HttpServerEndpoint.bind(runtime,
        (conn, req) -> CompletableFuture.completedFuture(
            ResponseMessage.text(200, conn.tls() + " " + conn.sniHostName())),
        ServerOptions.tls(certs.sniMapping(List.of(BOOKINFO, WILDCARD)))));

    for (String host : List.of("bookinfo.example.com", "reviews.example.com")) {
      ClientConnection conn = await(ClientConnection.connect(runtime,
          new ClientEndpoint(server.address(), certs.trustingClientContext(), host),
          Duration.ofSeconds(5), 1 << 16));
      ResponseMessage r = await(conn.send(RequestMessage.get("/", host)));

      assertThat(r.bodyText()).isEqualTo("true " + host);
      X509Certificate peer = (X509Certificate) conn.sslSession().orElseThrow()
          .getPeerCertificates()[0];
      assertThat(sans(peer)).contains(host.startsWith("bookinfo") ? host : "*.example.com");
      conn.close();
    }
    await(server.close());
  }

  @Test
  void credentialMissingFromTopologySecretsCannotCompleteAHandshake() {
    GatewayCertificates onlyOther =
        GatewayCertificates.issue(List.of(BOOKINFO, WILDCARD), Optional.of(Set.of("other")));
    assertThat(onlyOther.missingCredentials())
        .containsExactlyInAnyOrder("bookinfo-credential", "wildcard-credential");
    HttpServerEndpoint server = await(HttpServerEndpoint.bind(runtime,
        (conn, req) -> CompletableFuture.completedFuture(ResponseMessage.text(200, "ok")),
        ServerOptions.tls(onlyOther.sniMapping(List.of(BOOKINFO)))));

    ClientConnection conn = await(ClientConnection.connect(runtime,
        new ClientEndpoint(server.address(), GatewayCertificates.insecureClientContext(),
            "bookinfo.example.com"), Duration.ofSeconds(5), 1 << 16));

    assertThat(failure(conn.send(RequestMessage.get("/", "bookinfo.example.com"))))
        .isInstanceOf(java.io.IOException.class);
    await(server.close());
  }
}
