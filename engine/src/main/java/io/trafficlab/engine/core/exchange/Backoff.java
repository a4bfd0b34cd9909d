package io.trafficlab.engine.core.exchange;

import java.time.Duration;

/**
 * Envoy's jittered exponential backoff ({@code JitteredExponentialBackOffStrategy}): the n-th wait is
 * drawn uniformly from [0, min(base × 2^(n-1), max)) ("full jitter"), with max = 10 × base by
 * default. The random value is an argument, so a seed reproduces the waits. Mutable, one per request.
 */
public final class Backoff {
  private final long baseMs;
  private final long maxMs;
  private long nextIntervalMs;

  public Backoff(Duration base, Duration max) {
    this.baseMs = Math.max(1, base.toMillis());
    this.maxMs = Math.max(baseMs, max.toMillis());
    this.nextIntervalMs = baseMs;
  }

  /** The next wait; each call doubles the interval the following wait is drawn from, up to max. */
  public Duration next(long random) {
    long interval = nextIntervalMs;
    nextIntervalMs = nextIntervalMs <= maxMs / 2 ? nextIntervalMs * 2 : maxMs;
    return Duration.ofMillis(Math.min(Long.remainderUnsigned(random, interval), maxMs));
  }

  /** The upper bound (exclusive) of the next wait. */
  public Duration nextInterval() {
    return Duration.ofMillis(nextIntervalMs);
  }

  public Duration base() {
    return Duration.ofMillis(baseMs);
  }
}
