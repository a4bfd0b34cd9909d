package io.trafficlab.engine.core.policy;

import java.time.Duration;

/**
 * Envoy circuit-breaker thresholds of one cluster, per calling proxy (istio-semantics §6
 * connectionPool). Unset limits are effectively unlimited (2^32-1).
 */
public record ConnectionPoolPolicy(long maxConnections, long http1MaxPendingRequests,
    long http2MaxRequests, long maxRequestsPerConnection, long maxRetries, Duration connectTimeout) {

  public static final long UNLIMITED = 4_294_967_295L;

  public static final ConnectionPoolPolicy DEFAULT = new ConnectionPoolPolicy(UNLIMITED, UNLIMITED,
      UNLIMITED, 0, UNLIMITED, Duration.ofSeconds(10));
}
