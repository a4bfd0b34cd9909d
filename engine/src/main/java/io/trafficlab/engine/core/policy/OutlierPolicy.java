package io.trafficlab.engine.core.policy;

import java.time.Duration;

/**
 * Outlier detection of one cluster; present only when the block is configured (§6). Values are the
 * ones Envoy runs with after Istio's translation: unset fields are already defaulted.
 *
 * @param consecutive5xxErrors     0 disables consecutive-5xx ejection
 * @param consecutiveGatewayErrors 0 (the default) disables consecutive-gateway-error ejection
 * @param maxEjectionPercent       1..100 (Istio leaves Envoy's 10 when 0 is written)
 * @param minHealthPercent         Envoy's panic threshold; 0 disables panic mode
 */
public record OutlierPolicy(int consecutive5xxErrors, int consecutiveGatewayErrors, Duration interval,
    Duration baseEjectionTime, int maxEjectionPercent, int minHealthPercent) {

  public static final int DEFAULT_CONSECUTIVE_5XX = 5;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_BASE_EJECTION_TIME = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_EJECTION_PERCENT = 10;
  /** Envoy's default max_ejection_time; Istio does not set it. */
  public static final Duration DEFAULT_MAX_EJECTION_TIME = Duration.ofSeconds(300);

  public OutlierPolicy {
    if (consecutive5xxErrors < 0 || consecutiveGatewayErrors < 0) {
      throw new IllegalArgumentException("consecutive errors: " + consecutive5xxErrors + "/"
          + consecutiveGatewayErrors + " (expected: >= 0)");
    }
    if (interval.isNegative() || interval.isZero() || baseEjectionTime.isNegative()) {
      throw new IllegalArgumentException("interval: " + interval + ", baseEjectionTime: "
          + baseEjectionTime + " (expected: interval > 0, base >= 0)");
    }
    if (maxEjectionPercent < 0 || maxEjectionPercent > 100 || minHealthPercent < 0
        || minHealthPercent > 100) {
      throw new IllegalArgumentException("percent: " + maxEjectionPercent + "/" + minHealthPercent
          + " (expected: 0..100)");
    }
  }

  /** The block written as {@code outlierDetection: {}}: every field at its default. */
  public static OutlierPolicy defaults() {
    return new OutlierPolicy(DEFAULT_CONSECUTIVE_5XX, 0, DEFAULT_INTERVAL,
        DEFAULT_BASE_EJECTION_TIME, DEFAULT_MAX_EJECTION_PERCENT, 0);
  }

  /** Envoy caps an ejection at max_ejection_time (300 s), raised to the base time when larger. */
  public Duration maxEjectionTime() {
    return baseEjectionTime.compareTo(DEFAULT_MAX_EJECTION_TIME) > 0
        ? baseEjectionTime : DEFAULT_MAX_EJECTION_TIME;
  }
}
