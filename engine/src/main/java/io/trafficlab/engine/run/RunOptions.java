package io.trafficlab.engine.run;

/**
 * How a run goes: the seed every random choice derives from, the time scale, and how many
 * distribution requests are in flight at once.
 *
 * <p>Default time scale: {@value #DEFAULT_TIME_SCALE}. Simulated time runs five times faster than
 * real time, so a case with a 2 s fault delay takes 0.4 s, while a latency bound such as
 * {@code maxLatencyMs: 700} for a 500 ms timeout still leaves 200 simulated ms = 40 real ms for
 * scheduling jitter, GC pauses and loopback round trips on a busy two-core machine (the margin
 * shrinks to 10 real ms at {@code --time-scale 20}).
 *
 * @param timeScale simulated seconds per real second (&gt; 0)
 * @param parallelism distribution requests in flight at once (&ge; 1)
 */
public record RunOptions(long seed, double timeScale, int parallelism) {
  public static final long DEFAULT_SEED = 1;
  public static final double DEFAULT_TIME_SCALE = 5;
  public static final int DEFAULT_PARALLELISM = 1;
  public static final RunOptions DEFAULT =
      new RunOptions(DEFAULT_SEED, DEFAULT_TIME_SCALE, DEFAULT_PARALLELISM);

  public RunOptions {
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("timeScale: " + timeScale + " (expected: finite and > 0)");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism: " + parallelism + " (expected: >= 1)");
    }
  }

  public static RunOptions of(long seed, double timeScale) {
    return new RunOptions(seed, timeScale, DEFAULT_PARALLELISM);
  }
}
