package io.trafficlab.engine.core.lb;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/** ROUND_ROBIN: each pick takes the next endpoint in list order (Envoy with equal weights). */
final class RoundRobinBalancer implements LoadBalancer {
  private final AtomicLong next = new AtomicLong();

  @Override
  public Endpoint pick(List<Endpoint> healthy, HashInput request, long random,
      ToIntFunction<Endpoint> activeRequests) {
    if (healthy.isEmpty()) {
      return null;
    }
    return healthy.get(Randoms.index(next.getAndIncrement(), healthy.size()));
  }
}
