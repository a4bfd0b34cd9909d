package io.trafficlab.engine.dataplane;

import static io.trafficlab.engine.testing.NetTesting.await;
import static io.trafficlab.engine.testing.NetTesting.eventually;
import static io.trafficlab.engine.testing.NetTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import io.trafficlab.engine.sim.pods.OutboundCaller;
import io.trafficlab.engine.sim.pods.PodEcho;
import io.trafficlab.engine.sim.pods.SyntheticPod;
import io.trafficlab.engine.testing.NetTesting;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpstreamPoolTest {
  private static final Duration CONNECT = Duration.ofSeconds(1);
  private static EngineRuntime runtime;
  private static SyntheticPod web;
  private static SyntheticPod slow;

  @BeforeAll
  static void start() {
    runtime = EngineRuntime.start(1);
    web = await(SyntheticPod.start(runtime, NetTesting.pod("web-v1-0", "web",
        Map.of("app", "web"), PodBehavior.HEALTHY), 1, OutboundCaller.NONE));
    slow = await(SyntheticPod.start(runtime, NetTesting.pod("slow-v1-0", "slow",
        Map.of("app", "slow"), NetTesting.behavior(600_000, 0, 503)), 1, OutboundCaller.NONE));
  }

  @AfterAll
  static void stop() {
    web.stop().join();
    slow.stop().join();
    runtime.close();
  }

  static Stream<InetSocketAddress> notPods() throws Exception {
    return Stream.of(
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 169, (byte) 254,
            (byte) 169, (byte) 254}), 80),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 22),
        InetSocketAddress.createUnresolved("example.com", 80),
        InetSocketAddress.createUnresolved("metadata.google.internal", 80),
        InetSocketAddress.createUnresolved("web-v1-0", web.address().getPort()));
  }

  @ParameterizedTest
  @MethodSource("notPods")
  void refusesEveryDestinationThatIsNotAPodWithoutOpeningASocket(InetSocketAddress target) {
    try (UpstreamPool pool = new UpstreamPool(runtime, List.of(web.address()))) {
      Throwable t = failure(pool.forward(target, RequestMessage.get("/", "x"), CONNECT));

      assertThat(t).isInstanceOf(UpstreamRefusedException.class)
          .hasMessageContaining("refusing to connect to")
          .hasMessageContaining("not a pod of this topology");
      assertThat(pool.connectionsOpened()).isZero();
    }
  }

  @Test
  void forwardsToAPodAndKeepsOneConnectionAlive() {
    try (UpstreamPool pool = new UpstreamPool(runtime, List.of(web.address()))) {
      for (int i = 0; i < 5; i++) {
        ResponseMessage r = await(pool.forward(web.address(),
            RequestMessage.get("/r/" + i, "web.default.svc.cluster.local"), CONNECT));
        assertThat(r.status()).isEqualTo(200);
        assertThat(PodEcho.parse(r.body()).orElseThrow().path()).isEqualTo("/r/" + i);
      }
      assertThat(pool.connectionsOpened()).isEqualTo(1);
      assertThat(pool.openConnections(web.address())).isEqualTo(1);
      assertThat(pool.activeConnections(web.address())).isZero();
    }
  }

  @Test
  void leasedConnectionCountsAsActiveUntilReleased() {
    try (UpstreamPool pool = new UpstreamPool(runtime, List.of(web.address()))) {
      UpstreamPool.Lease a = await(pool.acquire(web.address(), CONNECT));
      UpstreamPool.Lease b = await(pool.acquire(web.address(), CONNECT));
      assertThat(pool.activeConnections(web.address())).isEqualTo(2);
      assertThat(pool.openConnections(web.address())).isEqualTo(2);

      assertThat(await(a.send(RequestMessage.get("/", "web"))).status()).isEqualTo(200);
      pool.release(a);
      assertThat(pool.activeConnections()).isEqualTo(1);

      UpstreamPool.Lease again = await(pool.acquire(web.address(), CONNECT));
      assertThat(again.reused()).isTrue();
      pool.release(again);
      b.abort();
      pool.release(b);
      eventually(() -> pool.openConnections(web.address()) == 1);
      assertThat(pool.activeConnections()).isZero();
    }
  }

  @Test
  void stoppedPodIsAConnectFailureNotARefusal() {
    SyntheticPod gone = await(SyntheticPod.start(runtime, NetTesting.pod("gone-0", "gone",
        Map.of(), PodBehavior.HEALTHY), 1, OutboundCaller.NONE));
    await(gone.stop());
    try (UpstreamPool pool = new UpstreamPool(runtime, List.of(gone.address()))) {
      assertThat(failure(pool.forward(gone.address(), RequestMessage.get("/", "gone"), CONNECT)))
          .isInstanceOf(ConnectException.class);
      assertThat(pool.openConnections()).isZero();
      assertThat(pool.activeConnections()).isZero();
    }
  }

  @Test
  void cancellingAForwardClosesItsConnection() {
    try (UpstreamPool pool = new UpstreamPool(runtime, List.of(slow.address()))) {
      CompletableFuture<ResponseMessage> f =
          pool.forward(slow.address(), RequestMessage.get("/", "slow"), CONNECT);
      eventually(() -> slow.requestCount() > 0);

      f.cancel(false);

      eventually(() -> pool.openConnections(slow.address()) == 0);
      assertThat(pool.activeConnections()).isZero();
    }
  }
}
