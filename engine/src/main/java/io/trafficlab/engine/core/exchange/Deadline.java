package io.trafficlab.engine.core.exchange;

import java.time.Duration;
import java.util.Optional;

/**
 * The route timeout of one request: started once when the router gets the request and covering
 * every attempt and backoff (router_filter.rst). An attempt's timer is the smaller of the per-try
 * timeout and what is left of the route timeout; which one fires decides the outcome: a per-try
 * timeout may be retried, the route timeout is a final 504 UT.
 */
public final class Deadline {
  private final Optional<Duration> timeout;
  private final long startNanos;

  private Deadline(Optional<Duration> timeout, long startNanos) {
    this.timeout = timeout;
    this.startNanos = startNanos;
  }

  /** @param routeTimeout empty = no route timeout (Istio's default) */
  public static Deadline start(Optional<Duration> routeTimeout, long nowNanos) {
    return new Deadline(routeTimeout, nowNanos);
  }

  public Optional<Duration> timeout() {
    return timeout;
  }

  /** Time left at {@code nowNanos}, never negative; empty when there is no route timeout. */
  public Optional<Duration> remaining(long nowNanos) {
    return timeout.map(t -> {
      Duration left = t.minusNanos(nowNanos - startNanos);
      return left.isNegative() ? Duration.ZERO : left;
    });
  }

  public boolean expired(long nowNanos) {
    return remaining(nowNanos).map(Duration::isZero).orElse(false);
  }

  /** Simulated time since the request started. */
  public Duration elapsed(long nowNanos) {
    return Duration.ofNanos(nowNanos - startNanos);
  }

  /**
   * The timer for an attempt starting at {@code nowNanos}: min(perTry, remaining). Empty when neither
   * applies (the attempt may wait forever).
   */
  public Optional<AttemptTimer> attemptTimer(Optional<Duration> perTryTimeout, long nowNanos) {
    Optional<Duration> left = remaining(nowNanos);
    if (perTryTimeout.isPresent() && (left.isEmpty() || perTryTimeout.get().compareTo(left.get()) < 0)) {
      return Optional.of(new AttemptTimer(perTryTimeout.get(), true,
          "per-try timeout " + Durations.format(perTryTimeout.get())));
    }
    return left.map(l -> new AttemptTimer(l, false, "route timeout " + Durations.format(timeout.get())
        + " (" + Durations.format(l) + " left)"));
  }

  /**
   * When the attempt's timer fires.
   *
   * @param perTry true: a per-try timeout (outcome {@link AttemptOutcome.PerTryTimeout}, maybe
   *     retried); false: the route timeout, a final 504 UT
   */
  public record AttemptTimer(Duration after, boolean perTry, String reason) {}
}
