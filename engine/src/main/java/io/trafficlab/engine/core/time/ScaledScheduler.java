package io.trafficlab.engine.core.time;

import java.time.Duration;
import java.util.Objects;

/**
 * Simulated-time scheduling on top of a real-time scheduler: a delay of {@code d} simulated time
 * waits {@code d / X} real time, and the ticker reads real elapsed time × X. The data plane
 * implements only the real-time {@link Scheduler} (its Netty event-loop adapter) and wraps it here;
 * with {@link TimeScale#REAL_TIME} it may use the real scheduler directly.
 */
public final class ScaledScheduler implements Scheduler {
  private final Scheduler real;
  private final TimeScale scale;
  private final ScaledTicker ticker;

  public ScaledScheduler(Scheduler real, TimeScale scale) {
    this.real = Objects.requireNonNull(real, "real");
    this.scale = Objects.requireNonNull(scale, "scale");
    this.ticker = new ScaledTicker(real.ticker(), scale);
  }

  @Override
  public Ticker ticker() {
    return ticker;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return real.schedule(scale.toReal(delay), task);
  }

  public TimeScale scale() {
    return scale;
  }
}
