package io.trafficlab.engine.core.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A route's retry policy as Envoy runs it (istio-semantics §5 retries).
 *
 * @param numRetries           retries after the first try ({@code attempts}); 0 disables retries
 * @param retryOn              Envoy retry_on policies ({@code 5xx}, {@code gateway-error}, ...)
 * @param retriableStatusCodes codes listed in retryOn, used with {@code retriable-status-codes}
 * @param perTryTimeout        empty = the route timeout
 * @param retryIgnorePreviousHosts the previous-host predicate
 * @param backoffBase          base interval of the jittered backoff (25 ms)
 */
public record RetryPolicy(int numRetries, Set<String> retryOn, Set<Integer> retriableStatusCodes,
    Optional<Duration> perTryTimeout, boolean retryIgnorePreviousHosts, Duration backoffBase) {

  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(25);

  public RetryPolicy {
    if (numRetries < 0) {
      throw new IllegalArgumentException("numRetries: " + numRetries + " (expected: >= 0)");
    }
    retryOn = Set.copyOf(retryOn);
    retriableStatusCodes = Set.copyOf(retriableStatusCodes);
    if (backoffBase.isNegative() || backoffBase.isZero()) {
      throw new IllegalArgumentException("backoffBase: " + backoffBase + " (expected: > 0)");
    }
  }

  /** True when {@code policy} (an Envoy retry_on name such as {@code 5xx}) is enabled. */
  public boolean retriesOn(String policy) {
    return retryOn.contains(policy);
  }

  /** Envoy's default cap of the jittered backoff: ten times the base interval (250 ms). */
  public Duration maxBackoff() {
    return backoffBase.multipliedBy(10);
  }

  /** A copy with another retry count. */
  public RetryPolicy withNumRetries(int n) {
    return new RetryPolicy(n, retryOn, retriableStatusCodes, perTryTimeout, retryIgnorePreviousHosts,
        backoffBase);
  }

  /** Istio's default when {@code retries} is absent (1.24+: 503 is not retried). */
  public static RetryPolicy istioDefault() {
    return new RetryPolicy(2,
        Set.of("connect-failure", "refused-stream", "unavailable", "cancelled", "retriable-status-codes"),
        Set.of(), Optional.empty(), true, DEFAULT_BACKOFF);
  }

  public static RetryPolicy none() {
    return new RetryPolicy(0, Set.of(), Set.of(), Optional.empty(), true, DEFAULT_BACKOFF);
  }
}
