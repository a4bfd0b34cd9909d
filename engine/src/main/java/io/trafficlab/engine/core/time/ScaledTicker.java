package io.trafficlab.engine.core.time;

import java.util.Objects;

/**
 * Simulated time read from a real monotonic clock: {@code start + (real - realStart) × X}. The real
 * ticker is handed in by the data plane (the only place that may read the system clock), so this
 * class stays pure and is tested with a hand-driven real ticker.
 *
 * <p>Invariant: monotonic whenever the real ticker is; reads 0 at construction.
 */
public final class ScaledTicker implements Ticker {
  private final Ticker real;
  private final TimeScale scale;
  private final long realStart;

  public ScaledTicker(Ticker real, TimeScale scale) {
    this.real = Objects.requireNonNull(real, "real");
    this.scale = Objects.requireNonNull(scale, "scale");
    this.realStart = real.nanoTime();
  }

  @Override
  public long nanoTime() {
    return scale.toSimulatedNanos(real.nanoTime() - realStart);
  }

  public TimeScale scale() {
    return scale;
  }
}
