package io.trafficlab.engine.dataplane;

import static io.trafficlab.engine.testing.NetTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.engine.dataplane.http.ClientConnection;
import io.trafficlab.engine.dataplane.http.ClientEndpoint;
import io.trafficlab.engine.dataplane.http.HttpServerEndpoint;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import io.trafficlab.engine.dataplane.http.ServerOptions;
import io.trafficlab.engine.sim.pods.OutboundCaller;
import io.trafficlab.engine.sim.pods.PodFleet;
import io.trafficlab.engine.sim.traffic.RawResponse;
import io.trafficlab.engine.sim.traffic.TrafficClient;
import io.trafficlab.engine.sim.traffic.TrafficRequest;
import io.trafficlab.engine.testing.NetTesting;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineRuntimeTest {
  private static final Topology ONE_POD = new Topology("default", List.of(), List.of(
      new ServiceDef("web", "default", List.of(new ServicePort(80, "http")), List.of(
          NetTesting.pod("web-v1-0", "web", Map.of("app", "web"), PodBehavior.HEALTHY)))));

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void closeStopsEveryEventLoopThreadAfterRealTraffic(boolean preferEpoll) throws Exception {
    EngineRuntime runtime = EngineRuntime.start(2, 1, preferEpoll);
    Set<Thread> loopThreads = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      CompletableFuture<Thread> t = new CompletableFuture<>();
      runtime.group().execute(() -> t.complete(Thread.currentThread()));
      loopThreads.add(await(t));
    }
    PodFleet fleet = await(PodFleet.start(runtime, ONE_POD, 1, p -> OutboundCaller.NONE));
    TrafficClient client = new TrafficClient(runtime);
    RawResponse r = await(client.send(TrafficRequest.get(
        fleet.pod("web-v1-0").orElseThrow().address(), "web", "/")));
    assertThat(r.status()).isEqualTo(200);

    client.close();
    fleet.close();
    runtime.close();

    assertThat(loopThreads).hasSize(2)
        .allSatisfy(t -> assertThat(t.getName()).startsWith(EngineRuntime.THREAD_PREFIX));
    for (Thread t : loopThreads) {
      t.join(5000);
      assertThat(t.isAlive()).as("thread %s", t.getName()).isFalse();
    }
    assertThat(runtime.group().isTerminated()).isTrue();
  }

  @Test
  void nioIsUsedWhenNoNativeTransportIsWanted() {
    try (EngineRuntime runtime = EngineRuntime.start(1, 1, false)) {
      assertThat(runtime.transportName()).isEqualTo("nio");
    }
  }

  @Test
  void theTransportPropertyPicksOneAndFallsBackWhenItIsUnavailable() {
    String before = System.getProperty("trafficlab.transport");
    try {
      System.setProperty("trafficlab.transport", "nio");
      try (EngineRuntime runtime = EngineRuntime.start(1, 1, true)) {
        assertThat(runtime.transportName()).isEqualTo("nio");
      }
      System.setProperty("trafficlab.transport", "epoll");
      try (EngineRuntime runtime = EngineRuntime.start(1, 1, true)) {
        assertThat(runtime.transportName()).isIn("epoll", "nio");
      }
      System.setProperty("trafficlab.transport", "io_uring");
      try (EngineRuntime runtime = EngineRuntime.start(1, 1, true)) {
        assertThat(runtime.transportName()).isIn("io_uring", "epoll", "nio");
      }
    } finally {
      if (before == null) {
        System.clearProperty("trafficlab.transport");
      } else {
        System.setProperty("trafficlab.transport", before);
      }
    }
    try (EngineRuntime runtime = EngineRuntime.start(1, 1, true)) {
      assertThat(runtime.transportName()).isIn("io_uring", "epoll", "nio");
    }
  }

  @Test
  void localClientsAreForgottenOnceAcceptedOrClosed() throws InterruptedException {
    try (EngineRuntime runtime = EngineRuntime.start(2, 1, true)) {
      HttpServerEndpoint server = await(HttpServerEndpoint.bind(runtime,
          (conn, req) -> CompletableFuture.completedFuture(ResponseMessage.text(200, "ok")),
          ServerOptions.PLAIN));
      ClientEndpoint endpoint = ClientEndpoint.plain(server.address());
      ClientConnection c = await(ClientConnection.connect(runtime, endpoint, Duration.ofSeconds(5),
          1 << 16));
      assertThat(await(c.send(RequestMessage.get("/", "x"))).status()).isEqualTo(200);
      assertThat(runtime.pendingLocalClients()).as("forgotten once accepted").isZero();

      await(server.close());
      c.close();
      // Nothing accepts this connection: the entry goes when the client closes.
      assertThat(ClientConnection.connect(runtime, endpoint, Duration.ofSeconds(5), 1 << 16))
          .failsWithin(5, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (runtime.pendingLocalClients() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(runtime.pendingLocalClients()).as("forgotten once closed").isZero();
    }
  }
}
