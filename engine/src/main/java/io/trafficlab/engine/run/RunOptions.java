package io.trafficlab.engine.run;

/**
 * How a run goes: the seed every random choice derives from, the time scale, and how many
 * distribution requests are in flight at once.
 *
 * <p>Default time scale: {@value #DEFAULT_TIME_SCALE}: a case with a 2 s fault delay waits 0.2 real
 * seconds. Latencies do not depend on the scale: every hop stamps the simulated instant on what it
 * sends and adds only its simulated waits ({@code ProxyHeaders.TIME}), so machine load and real
 * jitter never inflate a {@code maxLatencyMs}. Races between events are still decided in real
 * time, and the scale sets their margin: with a 500 ms timeout against a 2 s pod, or three
 * {@code concurrent} copies that must overlap a 1 s pod latency, 10× leaves 100-150 real ms, ample
 * for a busy two-core machine (20× still leaves 50 ms, and the suite also passes there). A response
 * that completes later in simulated time than a timeout is treated as losing to it, whatever the
 * real order.
 *
 * @param timeScale simulated seconds per real second (&gt; 0)
 * @param parallelism distribution requests in flight at once (&ge; 1) when that cannot change the
 *     outcome (see {@link EngineSession#distribution})
 */
public record RunOptions(long seed, double timeScale, int parallelism) {
  public static final long DEFAULT_SEED = 1;
  public static final double DEFAULT_TIME_SCALE = 10;
  public static final int DEFAULT_PARALLELISM = 8;
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
