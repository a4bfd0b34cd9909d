package io.trafficlab.engine.core.pool;

/**
 * The cluster's {@code max_retries} circuit breaker as a retry sees it: a retry takes a slot while
 * it waits for its backoff and gives it back when its attempt starts (Envoy's
 * {@code resourceManager().retries()}).
 */
public interface RetryBudget {

  /** No limit (Istio's default maxRetries is 2^32-1). */
  RetryBudget UNLIMITED = new RetryBudget() {
    @Override
    public boolean tryAcquireRetry() {
      return true;
    }

    @Override
    public void releaseRetry() {}
  };

  /** Takes a slot; false (retry overflow) when all are in use. */
  boolean tryAcquireRetry();

  /** Gives a slot back; must pair with a successful {@link #tryAcquireRetry()}. */
  void releaseRetry();
}
