package io.trafficlab.engine.core.time;

import java.time.Duration;

/**
 * The {@code --time-scale X} of a run: simulated time = real time × X, so with X = 20 a 30 s outlier
 * interval passes in 1.5 real seconds and one real millisecond counts 20 simulated ones. X = 1 is
 * real time. Pure arithmetic; the data plane's event-loop adapter uses it at the Netty edge.
 *
 * @param factor simulated seconds per real second; finite and &gt; 0
 */
public record TimeScale(double factor) {

  public static final TimeScale REAL_TIME = new TimeScale(1);

  public TimeScale {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor: " + factor + " (expected: finite and > 0)");
    }
  }

  /** How long a simulated duration takes in real time (rounded to the nearest nanosecond, at least 0). */
  public Duration toReal(Duration simulated) {
    return Duration.ofNanos(toRealNanos(nanos(simulated)));
  }

  /** How much simulated time a real duration represents. */
  public Duration toSimulated(Duration real) {
    return Duration.ofNanos(toSimulatedNanos(nanos(real)));
  }

  public long toRealNanos(long simulatedNanos) {
    return saturate(simulatedNanos / factor);
  }

  public long toSimulatedNanos(long realNanos) {
    return saturate(realNanos * factor);
  }

  private static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static long saturate(double v) {
    if (v >= Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    if (v <= Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    return Math.round(v);
  }
}
