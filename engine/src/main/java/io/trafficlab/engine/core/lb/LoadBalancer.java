package io.trafficlab.engine.core.lb;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A per-cluster load balancer: picks one endpoint among the healthy ones. Implementations may keep
 * state (a round-robin position, a hash ring) and are safe to call from several threads; create one
 * per cluster with {@link #create(LbPolicy)} and keep it as long as the cluster lives.
 */
public interface LoadBalancer {

  /**
   * Picks an endpoint.
   *
   * @param healthy the endpoints eligible now (the data plane removes ejected hosts, or passes all of
   *     them in panic mode); order must be stable between calls
   * @param request what consistent hashing hashes on; ignored by the other algorithms
   * @param random a uniformly random long (seeded by the caller)
   * @param activeRequests the data plane's count of requests in flight per endpoint
   * @return the chosen endpoint, or null when {@code healthy} is empty
   */
  Endpoint pick(List<Endpoint> healthy, HashInput request, long random,
      ToIntFunction<Endpoint> activeRequests);

  /** A fresh balancer for a DestinationRule load-balancer policy. */
  static LoadBalancer create(LbPolicy policy) {
    if (policy instanceof LbPolicy.ConsistentHash ch) {
      return new RingHashBalancer(ch.key());
    }
    LbPolicy.Simple simple = (LbPolicy.Simple) policy;
    return switch (simple.algorithm()) {
      case ROUND_ROBIN -> new RoundRobinBalancer();
      case LEAST_REQUEST -> new LeastRequestBalancer();
      // PASSTHROUGH forwards to the original destination address; with synthetic pods there is
      // no address to keep, so it spreads like RANDOM.
      case RANDOM, PASSTHROUGH -> new RandomBalancer();
    };
  }
}
