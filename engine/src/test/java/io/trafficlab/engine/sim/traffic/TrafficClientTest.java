package io.trafficlab.engine.sim.traffic;

import static io.trafficlab.engine.testing.NetTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.dataplane.EngineRuntime;
import io.trafficlab.engine.dataplane.http.HttpServerEndpoint;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import io.trafficlab.engine.dataplane.http.ServerOptions;
import io.trafficlab.engine.dataplane.tls.GatewayCertificates;
import io.trafficlab.engine.dataplane.tls.TlsServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrafficClientTest {
  private static EngineRuntime runtime;
  private static TrafficClient client;
  private static TrafficGenerator generator;

  @BeforeAll
  static void start() {
    runtime = EngineRuntime.start(1);
    client = new TrafficClient(runtime);
    generator = new TrafficGenerator(client);
  }

  @AfterAll
  static void stop() {
    client.close();
    runtime.close();
  }

  /** A server that answers with the request target and tracks how many requests overlap. */
  private static final class Counting {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final HttpServerEndpoint server = await(HttpServerEndpoint.bind(runtime, (conn, req) -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      CompletableFuture<ResponseMessage> f = new CompletableFuture<>();
      // Answer from a later event-loop turn so overlapping requests can be seen.
      runtime.group().execute(() -> {
        inFlight.decrementAndGet();
        f.complete(ResponseMessage.text(200, req.uri()));
      });
      return f;
    }, ServerOptions.PLAIN));
  }

  @Test
  void sequentialRequestsShareOneKeepAliveConnection() {
    Counting c = new Counting();
    TrafficClient own = new TrafficClient(runtime);

    List<RawResponse> rs = await(new TrafficGenerator(own)
        .repeat(TrafficRequest.get(c.server.address(), "web", "/same"), 300));

    assertThat(rs).hasSize(300).extracting(RawResponse::body).containsOnly("/same");
    assertThat(own.connectionsOpened()).isEqualTo(1);
    assertThat(c.server.connectionsAccepted()).isEqualTo(1);
    assertThat(c.maxInFlight).hasValue(1);
    own.close();
    await(c.server.close());
  }

  @Test
  void concurrentCopiesAreAllInFlightTogether() {
    int n = 6;
    List<CompletableFuture<ResponseMessage>> held = new ArrayList<>();
    // Holds every request until all n have arrived: only truly overlapping copies can complete.
    HttpServerEndpoint gate = await(HttpServerEndpoint.bind(runtime, (conn, req) -> {
      CompletableFuture<ResponseMessage> f = new CompletableFuture<>();
      synchronized (held) {
        held.add(f);
        if (held.size() == n) {
          held.forEach(h -> h.complete(ResponseMessage.text(200, "released")));
        }
      }
      return f;
    }, ServerOptions.PLAIN));

    List<RawResponse> rs = await(generator.concurrent(
        TrafficRequest.get(gate.address(), "web", "/"), n));

    assertThat(rs).hasSize(n).extracting(RawResponse::body).containsOnly("released");
    assertThat(gate.connectionsAccepted()).isEqualTo(n);
    await(gate.close());
  }

  @Test
  void distributionKeepsRequestOrderAndItsParallelismBound() {
    Counting c = new Counting();

    List<RawResponse> rs = await(generator.distribution(
        i -> TrafficGenerator.withSequence(TrafficRequest.get(c.server.address(), "web", "/" + i), i),
        2000, 8));

    assertThat(rs).hasSize(2000);
    for (int i = 0; i < rs.size(); i++) {
      assertThat(rs.get(i).body()).isEqualTo("/" + i);
    }
    assertThat(c.maxInFlight.get()).isBetween(1, 8);
    assertThat(c.server.connectionsAccepted()).isLessThanOrEqualTo(8);
    await(c.server.close());
  }

  @Test
  void transportFailureComesBackAsAnErrorResponse() {
    HttpServerEndpoint closed = await(HttpServerEndpoint.bind(runtime,
        (conn, req) -> CompletableFuture.completedFuture(ResponseMessage.text(200, "")),
        ServerOptions.PLAIN));
    InetSocketAddress address = closed.address();
    await(closed.close());

    RawResponse r = await(client.send(TrafficRequest.get(address, "web", "/")));

    assertThat(r.status()).isZero();
    assertThat(r.error()).isNotBlank();
    assertThat(r.latencyMs()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void bodyIsCutAfterOneKibibyteAtACharacterBoundary() {
    HttpServerEndpoint big = await(HttpServerEndpoint.bind(runtime,
        (conn, req) -> CompletableFuture.completedFuture(ResponseMessage.text(200,
            req.uri().equals("/odd") ? "a" + "é".repeat(3000) : "é".repeat(3000))),
        ServerOptions.PLAIN));

    RawResponse even = await(client.send(TrafficRequest.get(big.address(), "web", "/even")));
    RawResponse odd = await(client.send(TrafficRequest.get(big.address(), "web", "/odd")));

    assertThat(even.body()).isEqualTo("é".repeat(512));
    assertThat(odd.body()).isEqualTo("a" + "é".repeat(511));
    await(big.close());
  }

  @Test
  void tlsRequestSendsTheHostAsSniAndReusesItsConnection() {
    TlsServer server = new TlsServer("cred", List.of("*.example.com"));
    GatewayCertificates certs = GatewayCertificates.issue(List.of(server), Optional.empty());
    HttpServerEndpoint tls = await(HttpServerEndpoint.bind(runtime,
        (conn, req) -> CompletableFuture.completedFuture(
            ResponseMessage.text(200, conn.sniHostName() + " " + req.authority())),
        ServerOptions.tls(certs.sniMapping(List.of(server)))));
    TrafficRequest req = TrafficRequest.get(tls.address(), "shop.example.com:443", "/").withTls(true);

    List<RawResponse> rs = await(generator.repeat(req, 3));

    assertThat(rs).extracting(RawResponse::body)
        .containsOnly("shop.example.com shop.example.com:443");
    assertThat(tls.connectionsAccepted()).isEqualTo(1);
    await(tls.close());
  }
}
