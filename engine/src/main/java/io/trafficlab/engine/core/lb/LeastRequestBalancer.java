package io.trafficlab.engine.core.lb;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * LEAST_REQUEST as Envoy runs it when all weights are equal: the power of two choices. Two endpoints
 * are sampled uniformly (with replacement, choice_count 2) and the one with fewer active requests
 * wins; on a tie the first sample stays ({@code least_request_lb.cc} unweightedHostPick).
 */
final class LeastRequestBalancer implements LoadBalancer {
  static final int CHOICE_COUNT = 2;

  @Override
  public Endpoint pick(List<Endpoint> healthy, HashInput request, long random,
      ToIntFunction<Endpoint> activeRequests) {
    int n = healthy.size();
    if (n == 0) {
      return null;
    }
    if (n == 1) {
      return healthy.get(0);
    }
    Endpoint candidate = null;
    int candidateActive = 0;
    for (int i = 0; i < CHOICE_COUNT; i++) {
      Endpoint sampled = healthy.get(Randoms.index(Randoms.derive(random, i), n));
      int active = activeRequests.applyAsInt(sampled);
      if (candidate == null || active < candidateActive) {
        candidate = sampled;
        candidateActive = active;
      }
    }
    return candidate;
  }
}
