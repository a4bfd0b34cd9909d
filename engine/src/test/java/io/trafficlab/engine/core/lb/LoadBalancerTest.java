package io.trafficlab.engine.core.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.topology.PodDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoadBalancerTest {

  private static final List<Endpoint> PODS = List.of(ep("p-0"), ep("p-1"), ep("p-2"), ep("p-3"));

  static Endpoint ep(String name) {
    return new Endpoint(new PodDef(name, "default", "p", Map.of("app", "p"), null));
  }

  /** A request for hashing with one header, one cookie, one query parameter and a source. */
  record Req(String user, String source) implements HashInput {
    @Override
    public String header(String name) {
      return name.equals("x-user") ? user : null;
    }

    @Override
    public String cookie(String name) {
      return name.equals("session") ? user : null;
    }

    @Override
    public String queryParam(String name) {
      return name.equals("u") ? user : null;
    }

    @Override
    public String sourceAddress() {
      return source;
    }
  }

  @Test
  void roundRobinCyclesThroughEndpointsInOrder() {
    LoadBalancer lb = LoadBalancer.create(new LbPolicy.Simple(LbPolicy.Algorithm.ROUND_ROBIN));
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      picks.add(lb.pick(PODS, null, 12345, e -> 0).name());
    }
    assertThat(picks).containsExactly("p-0", "p-1", "p-2", "p-3", "p-0", "p-1", "p-2", "p-3");
  }

  @Test
  void everyAlgorithmReturnsNullWithoutHealthyEndpoints() {
    for (LbPolicy p : List.of(LbPolicy.DEFAULT, new LbPolicy.Simple(LbPolicy.Algorithm.RANDOM),
        new LbPolicy.Simple(LbPolicy.Algorithm.ROUND_ROBIN),
        new LbPolicy.ConsistentHash(new LbPolicy.SourceIp()))) {
      assertThat(LoadBalancer.create(p).pick(List.of(), new Req("u", "1.2.3.4"), 1, e -> 0)).isNull();
    }
  }

  @Test
  void randomIsUniformWithinFourSigma() {
    LoadBalancer lb = LoadBalancer.create(new LbPolicy.Simple(LbPolicy.Algorithm.RANDOM));
    SplittableRandom random = new SplittableRandom(5);
    Map<String, Integer> counts = new HashMap<>();
    int n = 40_000;
    for (int i = 0; i < n; i++) {
      counts.merge(lb.pick(PODS, null, random.nextLong(), e -> 0).name(), 1, Integer::sum);
    }
    double p = 0.25;
    counts.values().forEach(c -> assertThat(Math.abs(c / (double) n - p))
        .isLessThanOrEqualTo(4 * Math.sqrt(p * (1 - p) / n)));
  }

  @Test
  void leastRequestPrefersTheLessBusyOfTwoSamples() {
    LoadBalancer lb = LoadBalancer.create(LbPolicy.DEFAULT);
    SplittableRandom random = new SplittableRandom(9);
    Map<String, Integer> counts = new HashMap<>();
    int n = 20_000;
    // p-0 has 10 requests in flight, the others none: p-0 wins only when both samples are p-0.
    for (int i = 0; i < n; i++) {
      Endpoint e = lb.pick(PODS, null, random.nextLong(), ep -> ep.name().equals("p-0") ? 10 : 0);
      counts.merge(e.name(), 1, Integer::sum);
    }
    double p = 1.0 / 16;
    assertThat(Math.abs(counts.get("p-0") / (double) n - p))
        .isLessThanOrEqualTo(4 * Math.sqrt(p * (1 - p) / n));
  }

  @Test
  void leastRequestWithOneEndpointAlwaysPicksIt() {
    assertThat(LoadBalancer.create(LbPolicy.DEFAULT).pick(List.of(ep("only")), null, 3, e -> 99).name())
        .isEqualTo("only");
  }

  @Test
  void consistentHashSendsTheSameKeyToTheSamePod() {
    for (LbPolicy.HashKey key : List.of(new LbPolicy.Header("X-User"), new LbPolicy.Cookie("session"),
        new LbPolicy.QueryParameter("u"), new LbPolicy.SourceIp())) {
      LoadBalancer lb = LoadBalancer.create(new LbPolicy.ConsistentHash(key));
      SplittableRandom random = new SplittableRandom(1);
      Map<String, String> first = new HashMap<>();
      for (int round = 0; round < 3; round++) {
        for (int u = 0; u < 50; u++) {
          Req r = new Req("user-" + u, "10.0.0." + u + ":" + (40000 + round));
          String pod = lb.pick(PODS, r, random.nextLong(), e -> 0).name();
          assertThat(first.putIfAbsent("user-" + u, pod)).as("%s with %s", key, r).isIn(null, pod);
        }
      }
      assertThat(first.values()).as("keys spread over pods for %s", key).hasSizeGreaterThan(2);
    }
  }

  @Test
  void consistentHashRemapsOnlyTheKeysOfARemovedPod() {
    LoadBalancer lb = LoadBalancer.create(new LbPolicy.ConsistentHash(new LbPolicy.Header("x-user")));
    List<Endpoint> fewer = List.of(PODS.get(0), PODS.get(1), PODS.get(3));
    int moved = 0;
    for (int u = 0; u < 400; u++) {
      Req r = new Req("user-" + u, null);
      String before = lb.pick(PODS, r, 0, e -> 0).name();
      String after = lb.pick(fewer, r, 0, e -> 0).name();
      if (!before.equals("p-2")) {
        assertThat(after).isEqualTo(before);
      } else {
        moved++;
      }
      assertThat(lb.pick(PODS, r, 0, e -> 0).name()).isEqualTo(before);
    }
    assertThat(moved).isGreaterThan(0);
  }

  @Test
  void consistentHashWithoutTheKeyFallsBackToTheRandomValue() {
    LoadBalancer lb = LoadBalancer.create(new LbPolicy.ConsistentHash(new LbPolicy.Header("x-user")));
    Map<String, Integer> counts = new HashMap<>();
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 400; i++) {
      counts.merge(lb.pick(PODS, new Req(null, null), random.nextLong(), e -> 0).name(), 1, Integer::sum);
    }
    assertThat(counts).hasSize(4);
  }
}
