package io.trafficlab.engine.core.route;

import io.trafficlab.engine.core.ResponseFlag;
import io.trafficlab.engine.core.lb.Randoms;
import io.trafficlab.engine.core.policy.RoutePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code route}: a weighted pick among destinations, then rewrite, header operations and mirrors.
 * Weights are relative ({@code weight / sum}); destinations with weight 0 are dropped at compile
 * time unless there is only one destination, which gets everything. A destination whose cluster
 * does not exist answers 503 NC, one without endpoints 503 UH; both replies are built at compile
 * time.
 */
public final class ForwardAction implements RouteAction {

  /**
   * One weighted destination.
   *
   * @param cluster null when Envoy would not find the cluster (unknown host, undefined subset)
   * @param requestHeaderOps rule operations followed by the destination's
   */
  public record Target(Cluster cluster, String clusterName, int weight,
      List<HeaderOp> requestHeaderOps, List<HeaderOp> responseHeaderOps, Explanation explanation) {
    public Target {
      requestHeaderOps = List.copyOf(requestHeaderOps);
      responseHeaderOps = List.copyOf(responseHeaderOps);
    }
  }

  private final Target[] targets;
  private final long[] cumulative;
  private final long totalWeight;
  private final RouteDecision.LocalReply[] unusable;
  private final UriRewrite rewrite;
  private final String authority;
  private final RouteDecision.Mirror[] mirrors;
  private final List<RouteDecision.Mirror> allMirrors;
  private final boolean mirrorsAlwaysFire;
  private final RoutePolicy policy;

  /**
   * @param targets at least one; weights already filtered (positive, or a single destination)
   * @param authority the authority rewrite, or null
   * @param mirrors mirror clusters with their percentage (0..100)
   */
  public ForwardAction(List<Target> targets, UriRewrite rewrite, String authority,
      List<RouteDecision.Mirror> mirrors, RoutePolicy policy) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets: empty (expected: at least one destination)");
    }
    this.targets = targets.toArray(new Target[0]);
    this.cumulative = new long[this.targets.length];
    long sum = 0;
    for (int i = 0; i < this.targets.length; i++) {
      sum += this.targets.length == 1 ? 1 : Math.max(0, this.targets[i].weight());
      cumulative[i] = sum;
    }
    this.totalWeight = sum;
    this.rewrite = Objects.requireNonNull(rewrite, "rewrite");
    this.authority = authority;
    this.mirrors = mirrors.toArray(new RouteDecision.Mirror[0]);
    this.allMirrors = List.copyOf(mirrors);
    this.mirrorsAlwaysFire = mirrors.stream().allMatch(m -> m.percent() >= 100);
    this.policy = Objects.requireNonNull(policy, "policy");
    this.unusable = new RouteDecision.LocalReply[this.targets.length];
    for (int i = 0; i < this.targets.length; i++) {
      Target t = this.targets[i];
      Explanation e = t.explanation();
      if (t.cluster() == null) {
        unusable[i] = new RouteDecision.LocalReply(503, ResponseFlag.NC, "", Optional.of(policy),
            new Explanation(e.listener(), e.virtualHost(),
                e.route() + ": cluster " + t.clusterName() + " not found (503 NC)"));
      } else if (t.cluster().endpoints().isEmpty()) {
        unusable[i] = new RouteDecision.LocalReply(503, ResponseFlag.UH, "no healthy upstream",
            Optional.of(policy), new Explanation(e.listener(), e.virtualHost(),
                e.route() + ": cluster " + t.clusterName() + " has no endpoints (503 UH)"));
      }
    }
  }

  public List<Target> targets() {
    return List.of(targets);
  }

  public RoutePolicy policy() {
    return policy;
  }

  @Override
  public RouteDecision decide(RequestView req, long random) {
    int i = pick(random);
    if (unusable[i] != null) {
      return unusable[i];
    }
    Target t = targets[i];
    return new RouteDecision.Forward(t.cluster(), rewrite.apply(req),
        authority != null ? authority : req.authority(), t.requestHeaderOps(),
        t.responseHeaderOps(), mirrorsFor(random), policy, t.explanation());
  }

  /** The index of the weighted pick for {@code random}: uniform over {@code [0, totalWeight)}. */
  int pick(long random) {
    if (targets.length == 1) {
      return 0;
    }
    long r = Long.remainderUnsigned(random, totalWeight);
    for (int i = 0; i < cumulative.length; i++) {
      if (r < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  private List<RouteDecision.Mirror> mirrorsFor(long random) {
    if (mirrorsAlwaysFire) {
      return allMirrors;
    }
    List<RouteDecision.Mirror> fired = new ArrayList<>(mirrors.length);
    for (int i = 0; i < mirrors.length; i++) {
      // Envoy rolls runtime fractions in parts per million.
      long roll = Long.remainderUnsigned(Randoms.derive(random, 1 + i), 1_000_000L);
      if (roll < Math.round(mirrors[i].percent() * 10_000)) {
        fired.add(mirrors[i]);
      }
    }
    return fired;
  }
}
