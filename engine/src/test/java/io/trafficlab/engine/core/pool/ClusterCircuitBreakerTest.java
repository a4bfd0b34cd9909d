package io.trafficlab.engine.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.outlier.HostResult;
import io.trafficlab.engine.core.outlier.OutlierDetector;
import io.trafficlab.engine.core.policy.ConnectionPoolPolicy;
import io.trafficlab.engine.core.policy.OutlierPolicy;
import io.trafficlab.engine.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterCircuitBreakerTest {

  private static final long U = ConnectionPoolPolicy.UNLIMITED;

  private static ConnectionPoolPolicy pool(long maxConnections, long maxPending, long maxRequests,
      long perConnection) {
    return new ConnectionPoolPolicy(maxConnections, maxPending, maxRequests, perConnection, U,
        Duration.ofSeconds(10));
  }

  /**
   * An idealised data plane: every dispatched request holds its connection for {@code latency} on
   * the virtual clock, then completes with 200; overflows answer 503 UO at once.
   */
  private static final class Sim {
    final VirtualScheduler clock = new VirtualScheduler();
    final ClusterCircuitBreaker breaker;
    final Duration latency;
    final Map<String, Integer> statuses = new TreeMap<>();
    final List<String> trace = new ArrayList<>();
    OutlierDetector outlier;

    Sim(ConnectionPoolPolicy policy, Duration latency) {
      this.breaker = new ClusterCircuitBreaker(policy);
      this.latency = latency;
    }

    void send(String host) {
      handle(breaker.admit(host));
    }

    void handle(Admission a) {
      trace.add(a.reason());
      if (a instanceof Admission.Dispatched d) {
        clock.schedule(latency, () -> {
          count("200");
          if (outlier != null) {
            outlier.onResult(d.host(), HostResult.status(200));
          }
          breaker.complete(d.connectionId()).forEach(this::handle);
        });
      } else if (a instanceof Admission.Overflow) {
        count("503 UO");
      }
    }

    void count(String s) {
      statuses.merge(s, 1, Integer::sum);
    }

    /** {@code n} requests in flight together, then wait until all have finished. */
    void round(String host, int n) {
      for (int i = 0; i < n; i++) {
        send(host);
      }
      clock.advance(Duration.ofSeconds(5));
    }
  }

  @Test
  void poolOverflowMaxRequestsLetsOneOfThreeConcurrentRequestsThrough() {
    // conformance resilience-pool-overflow-max-requests: http2MaxRequests 1, 3 concurrent, 1 s each
    Sim sim = new Sim(pool(U, U, 1, 0), Duration.ofSeconds(1));

    sim.round("httpbin-v1-0", 3);

    assertThat(sim.statuses).containsExactlyInAnyOrderEntriesOf(Map.of("200", 1, "503 UO", 2));
    assertThat(sim.trace.get(1)).isEqualTo("503 UO: 1 requests active (http2MaxRequests 1)");
  }

  @Test
  void bookinfoThreeConnectionsGivesTwoOkAndOneOverflowPerRoundAndNeverEjects() {
    // bookinfo-circuit-breaking-three-connections: maxConnections 1, pending 1, 1 request/connection
    Sim sim = new Sim(pool(1, 1, U, 1), Duration.ofMillis(50));
    sim.outlier = new OutlierDetector(new OutlierPolicy(1, 0, Duration.ofSeconds(1),
        Duration.ofMinutes(3), 100, 0), sim.clock, List.of("httpbin-v1-0"));

    for (int round = 0; round < 10; round++) {
      sim.round("httpbin-v1-0", 3);
    }

    assertThat(sim.statuses).containsExactlyInAnyOrderEntriesOf(Map.of("200", 20, "503 UO", 10));
    assertThat(sim.outlier.isEjected("httpbin-v1-0")).isFalse();
    assertThat(sim.trace.subList(0, 4)).containsExactly(
        "opened connection #1 to httpbin-v1-0 (1 of maxConnections 1 open)",
        "queued for a connection: 1 busy of maxConnections 1, pending 1/1",
        "503 UO: pending queue full (http1MaxPendingRequests 1, maxConnections 1 busy)",
        "opened connection #2 to httpbin-v1-0 (1 of maxConnections 1 open)");
    assertThat(sim.breaker.connections()).isZero();
  }

  @Test
  void bookinfoTwoConnectionsLetsEveryRequestThrough() {
    Sim sim = new Sim(pool(1, 1, U, 1), Duration.ofMillis(50));

    sim.round("httpbin-v1-0", 1);
    for (int round = 0; round < 10; round++) {
      sim.round("httpbin-v1-0", 2);
    }

    assertThat(sim.statuses).containsExactlyEntriesOf(Map.of("200", 21));
  }

  /** maxConnections, pending, maxRequests, concurrent → 200s, overflows */
  @ParameterizedTest(name = "maxConnections {0}, pending {1}, maxRequests {2}, {3} concurrent")
  @CsvSource({
      "1,  1,  -1, 5, 2, 3",
      "2,  0,  -1, 5, 2, 3",
      "2,  2,  -1, 5, 4, 1",
      "-1, -1, 3,  5, 3, 2",
      "1,  10, -1, 5, 5, 0",
      "-1, -1, -1, 50, 50, 0",
  })
  void limitsDecideHowManyConcurrentRequestsOverflow(long maxConnections, long pending,
      long maxRequests, int concurrent, int ok, int overflow) {
    Sim sim = new Sim(pool(maxConnections < 0 ? U : maxConnections, pending < 0 ? U : pending,
        maxRequests < 0 ? U : maxRequests, 0), Duration.ofMillis(100));

    sim.round("p", concurrent);

    assertThat(sim.statuses.getOrDefault("200", 0)).isEqualTo(ok);
    assertThat(sim.statuses.getOrDefault("503 UO", 0)).isEqualTo(overflow);
  }

  @Test
  void keepAliveConnectionsAreReusedUntilMaxRequestsPerConnection() {
    ClusterCircuitBreaker b = new ClusterCircuitBreaker(pool(U, U, U, 2));

    Admission.Dispatched first = (Admission.Dispatched) b.admit("p");
    b.complete(first.connectionId());
    Admission.Dispatched second = (Admission.Dispatched) b.admit("p");
    b.complete(second.connectionId());
    Admission.Dispatched third = (Admission.Dispatched) b.admit("p");

    assertThat(first.newConnection()).isTrue();
    assertThat(second.newConnection()).isFalse();
    assertThat(second.connectionId()).isEqualTo(first.connectionId());
    assertThat(third.newConnection()).isTrue();
    assertThat(third.connectionId()).isNotEqualTo(first.connectionId());
  }

  @Test
  void anIdleConnectionToAnotherPodIsClosedWhenItBlocksTheLimit() {
    ClusterCircuitBreaker b = new ClusterCircuitBreaker(pool(1, 0, U, 0));
    Admission.Dispatched toA = (Admission.Dispatched) b.admit("a");
    b.complete(toA.connectionId());

    Admission toB = b.admit("b");

    assertThat(toB).isInstanceOf(Admission.Dispatched.class);
    assertThat(toB.reason()).isEqualTo(
        "opened connection #2 to b (1 of maxConnections 1 open, closing idle connection #1 to a)");
    assertThat(b.connections()).isEqualTo(1);
    assertThat(b.idleConnections("a")).isZero();
  }

  @Test
  void aFailedConnectionFreesItsSlotForTheQueue() {
    ClusterCircuitBreaker b = new ClusterCircuitBreaker(pool(1, 5, U, 0));
    Admission.Dispatched first = (Admission.Dispatched) b.admit("p");
    Admission queued = b.admit("p");

    List<Admission> next = b.closeConnection(first.connectionId());

    assertThat(queued).isInstanceOf(Admission.Queued.class);
    assertThat(next).singleElement().satisfies(a -> {
      assertThat(a.ticket()).isEqualTo(queued.ticket());
      assertThat(((Admission.Dispatched) a).newConnection()).isTrue();
    });
    assertThat(b.activeRequests()).isEqualTo(1);
    assertThat(b.pendingRequests()).isZero();
  }

  @Test
  void aCancelledQueuedRequestLeavesTheQueue() {
    ClusterCircuitBreaker b = new ClusterCircuitBreaker(pool(1, 5, U, 0));
    Admission.Dispatched first = (Admission.Dispatched) b.admit("p");
    Admission queued = b.admit("p");

    assertThat(b.cancel(queued.ticket())).isTrue();
    assertThat(b.complete(first.connectionId())).isEmpty();
    assertThat(b.cancel(queued.ticket())).isFalse();
  }

  @Test
  void retryBudgetCountsRetriesInFlight() {
    ClusterCircuitBreaker b = new ClusterCircuitBreaker(new ConnectionPoolPolicy(U, U, U, 0, 2,
        Duration.ofSeconds(10)));

    assertThat(b.tryAcquireRetry()).isTrue();
    assertThat(b.tryAcquireRetry()).isTrue();
    assertThat(b.tryAcquireRetry()).isFalse();
    b.releaseRetry();
    assertThat(b.tryAcquireRetry()).isTrue();
    assertThat(b.activeRetries()).isEqualTo(2);
  }
}
