package io.trafficlab.engine.core.outlier;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.policy.OutlierPolicy;
import io.trafficlab.engine.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutlierDetectorTest {

  private final VirtualScheduler clock = new VirtualScheduler();
  private final List<String> events = new ArrayList<>();

  private static OutlierPolicy policy(int c5xx, int gateway, int intervalS, int baseS, int maxPct,
      int minHealth) {
    return new OutlierPolicy(c5xx, gateway, Duration.ofSeconds(intervalS), Duration.ofSeconds(baseS),
        maxPct, minHealth);
  }

  private OutlierDetector detector(OutlierPolicy p, String... hosts) {
    return new OutlierDetector(p, clock, List.of(hosts), true, events::add);
  }

  private static HostResult result(String s) {
    return switch (s) {
      case "connect" -> HostResult.CONNECT_FAILED;
      case "timeout" -> HostResult.TIMEOUT;
      case "reset" -> HostResult.RESET;
      default -> HostResult.status(Integer.parseInt(s));
    };
  }

  @Test
  void outlierEjectsFailingPodAfterOneFailureWithRoundRobin() {
    // conformance resilience-outlier-ejects-failing-pod: 20 sequential requests, no retries
    OutlierDetector d = detector(policy(1, 0, 1, 180, 100, 0), "reviews-v1-0", "reviews-v2-0");
    Map<String, Integer> statuses = new TreeMap<>();
    List<Integer> order = new ArrayList<>();
    int rr = 0;
    for (int i = 0; i < 20; i++) {
      List<String> hosts = d.healthyHosts().hosts();
      String pod = hosts.get(rr++ % hosts.size());
      int status = pod.equals("reviews-v1-0") ? 503 : 200;
      d.onResult(pod, HostResult.status(status));
      statuses.merge(String.valueOf(status), 1, Integer::sum);
      order.add(status);
      clock.advance(Duration.ofMillis(10));
    }

    assertThat(order.get(0)).isEqualTo(503);
    assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of("503", 1, "200", 19));
    assertThat(events).containsExactly(
        "ejected reviews-v1-0 for 3m (1st time) after consecutive 5xx errors");
  }

  /** results (space separated), consecutive5xx, consecutiveGateway → ejected? */
  @ParameterizedTest(name = "{0} with 5xx={1}, gateway={2} → ejected {3}")
  @CsvSource({
      "500 500 500 500 500, 5, 0, true",
      "500 500 500 500,     5, 0, false",
      "500 500 200 500 500, 3, 0, false",
      "500 500 404 500 500, 3, 0, false",
      "connect connect,     2, 0, true",
      "timeout reset,       2, 0, true",
      "503 503 503 503 503, 0, 0, false",
      "502 502,             0, 2, true",
      "502 500 502,         0, 2, false",
      "504 timeout,         0, 2, true",
      "500 500 500,         0, 2, false",
  })
  void consecutiveErrorsEjectAtTheThreshold(String results, int c5xx, int gateway, boolean ejected) {
    OutlierDetector d = detector(policy(c5xx, gateway, 10, 30, 100, 0), "a", "b");

    for (String r : results.trim().split("\\s+")) {
      d.onResult("a", result(r));
    }

    assertThat(d.isEjected("a")).isEqualTo(ejected);
  }

  @Test
  void anEjectedHostReturnsAtTheFirstIntervalSweepAfterItsEjectionTime() {
    OutlierDetector d = detector(policy(1, 0, 10, 3, 100, 0), "a", "b");
    clock.advance(Duration.ofSeconds(1));
    d.onResult("a", HostResult.status(500));

    clock.advance(Duration.ofMillis(8_999));
    assertThat(d.isEjected("a")).isTrue();
    clock.advance(Duration.ofMillis(1));

    assertThat(d.isEjected("a")).isFalse();
    assertThat(events).containsExactly(
        "ejected a for 3s (1st time) after consecutive 5xx errors",
        "returned a to load balancing after 9s");
  }

  @Test
  void repeatedEjectionsLastLongerAndTheMultiplierDecaysWhileHealthy() {
    OutlierDetector d = detector(policy(1, 0, 10, 30, 100, 0), "a", "b");

    Optional<Ejection> first = d.onResult("a", HostResult.status(500));
    clock.advance(Duration.ofSeconds(30));
    Optional<Ejection> second = d.onResult("a", HostResult.status(500));
    clock.advance(Duration.ofSeconds(60));
    assertThat(d.isEjected("a")).isFalse();
    // healthy for 2 intervals: the multiplier falls from 2 to 0
    clock.advance(Duration.ofSeconds(20));
    Optional<Ejection> third = d.onResult("a", HostResult.status(500));

    assertThat(first.orElseThrow().duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(second.orElseThrow().duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(second.orElseThrow().reason())
        .isEqualTo("ejected a for 1m (2nd time) after consecutive 5xx errors");
    assertThat(third.orElseThrow().duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(third.orElseThrow().times()).isEqualTo(3);
  }

  @Test
  void ejectionTimeIsCappedAtThreeHundredSeconds() {
    OutlierDetector d = detector(policy(1, 0, 1, 120, 100, 0), "a", "b");
    List<Duration> durations = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      durations.add(d.onResult("a", HostResult.status(500)).orElseThrow().duration());
      clock.advance(durations.get(i));
    }

    assertThat(durations).containsExactly(Duration.ofSeconds(120), Duration.ofSeconds(240),
        Duration.ofSeconds(300), Duration.ofSeconds(300));
  }

  /** hosts, maxEjectionPercent, alwaysEjectOneHost → how many of the failing hosts get ejected */
  @ParameterizedTest(name = "{0} hosts, max {1}%, always one {2} → {3} ejected")
  @CsvSource({
      "10, 10,  true,  1",
      "10, 20,  true,  2",
      "2,  10,  true,  1",
      "2,  10,  false, 0",
      "3,  100, true,  3",
      "4,  50,  false, 2",
  })
  void maxEjectionPercentLimitsEjections(int hostCount, int maxPercent, boolean alwaysOne,
      int expected) {
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < hostCount; i++) {
      hosts.add("p" + i);
    }
    OutlierDetector d = new OutlierDetector(policy(1, 0, 10, 30, maxPercent, 0), clock, hosts,
        alwaysOne, events::add);

    hosts.forEach(h -> d.onResult(h, HostResult.status(503)));

    assertThat(d.ejectedCount()).isEqualTo(expected);
  }

  @Test
  void allHostsEjectedWithoutPanicThresholdMeansNoHealthyUpstream() {
    OutlierDetector d = detector(policy(1, 0, 10, 30, 100, 0), "a", "b");
    d.onResult("a", HostResult.status(503));
    d.onResult("b", HostResult.status(503));

    HealthyHosts h = d.healthyHosts();

    assertThat(h.isEmpty()).isTrue();
    assertThat(h.panic()).isFalse();
    assertThat(h.reason()).isEqualTo("all 2 hosts ejected: no healthy upstream (503 UH)");
  }

  @Test
  void belowMinHealthPercentEveryHostIsUsed() {
    OutlierDetector d = detector(policy(1, 0, 10, 30, 100, 50), "a", "b", "c");
    d.onResult("a", HostResult.status(503));
    assertThat(d.healthyHosts().hosts()).containsExactly("b", "c");
    d.onResult("b", HostResult.status(503));

    HealthyHosts h = d.healthyHosts();

    assertThat(h.panic()).isTrue();
    assertThat(h.hosts()).containsExactly("a", "b", "c");
    assertThat(h.reason()).isEqualTo(
        "panic: 1/3 hosts healthy, below minHealthPercent 50, using all hosts");
  }

  @Test
  void aQuietDetectorLeavesTheSchedulerIdle() {
    OutlierDetector d = detector(policy(1, 0, 10, 30, 100, 0), "a", "b");
    assertThat(clock.pendingTasks()).isZero();
    d.onResult("a", HostResult.status(500));
    assertThat(clock.pendingTasks()).isEqualTo(1);

    clock.runUntilIdle();

    assertThat(d.isEjected("a")).isFalse();
    assertThat(clock.pendingTasks()).isZero();
    assertThat(clock.now()).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void resultsFromUnknownHostsAreIgnored() {
    OutlierDetector d = detector(policy(1, 0, 10, 30, 100, 0), "a");

    assertThat(d.onResult("zzz", HostResult.status(500))).isEmpty();
    assertThat(d.ejectedCount()).isZero();
  }
}
