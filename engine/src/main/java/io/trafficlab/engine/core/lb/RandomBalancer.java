package io.trafficlab.engine.core.lb;

import java.util.List;
import java.util.function.ToIntFunction;

/** RANDOM: a uniform pick driven by the caller's random value. */
final class RandomBalancer implements LoadBalancer {
  @Override
  public Endpoint pick(List<Endpoint> healthy, HashInput request, long random,
      ToIntFunction<Endpoint> activeRequests) {
    if (healthy.isEmpty()) {
      return null;
    }
    return healthy.get(Randoms.index(Randoms.derive(random, 0), healthy.size()));
  }
}
