package io.trafficlab.engine.dataplane;

import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.trafficlab.engine.core.time.Cancellable;
import io.trafficlab.engine.core.time.Scheduler;
import io.trafficlab.engine.core.time.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one adapter from core time to Netty: simulated time runs {@code timeScale} times faster than
 * real time ({@code --time-scale X}: one real millisecond counts X simulated milliseconds).
 *
 * <p>{@link #ticker()} returns simulated nanoseconds since this scheduler was created (real elapsed
 * × X); {@link #schedule} waits {@code delay / X} of real time on an event loop. This is the only
 * engine class that reads the system clock. Delays are rounded up to whole real nanoseconds, so a
 * task never runs before its simulated delay has elapsed on {@link #ticker()}.
 */
public final class EventLoopScheduler implements Scheduler {
  private static final Cancellable NOOP = () -> { };

  private final EventExecutorGroup executors;
  private final double timeScale;
  private final long originNanos;
  private final Ticker ticker;

  public EventLoopScheduler(EventExecutorGroup executors, double timeScale) {
    this.executors = Objects.requireNonNull(executors, "executors");
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("timeScale: " + timeScale + " (expected: > 0)");
    }
    this.timeScale = timeScale;
    this.originNanos = System.nanoTime();
    this.ticker = () -> (long) ((System.nanoTime() - originNanos) * this.timeScale);
  }

  public double timeScale() {
    return timeScale;
  }

  @Override
  public Ticker ticker() {
    return ticker;
  }

  /** Simulated milliseconds since {@code startNanos}, a value read earlier from {@link #ticker()}. */
  public double millisSince(long startNanos) {
    return (ticker.nanoTime() - startNanos) / 1_000_000.0;
  }

  /** The real duration that {@code simulated} takes at this time scale (rounded up). */
  public Duration toReal(Duration simulated) {
    return Duration.ofNanos((long) Math.ceil(simulated.toNanos() / timeScale));
  }

  /**
   * Runs {@code task} on an event loop after {@code delay} of simulated time. After the runtime
   * started shutting down the task is dropped (nothing would observe it) and a no-op is returned.
   */
  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task, "task");
    long realNanos = delay.isNegative() ? 0 : toReal(delay).toNanos();
    // The flag makes cancel() final even when it races the event loop picking the task up:
    // ScheduledFuture.cancel from another thread may arrive after the task was dequeued.
    AtomicBoolean cancelled = new AtomicBoolean();
    try {
      ScheduledFuture<?> f = executors.schedule(() -> {
        if (!cancelled.get()) {
          task.run();
        }
      }, realNanos, TimeUnit.NANOSECONDS);
      return () -> {
        cancelled.set(true);
        f.cancel(false);
      };
    } catch (RejectedExecutionException stopping) {
      return NOOP;
    }
  }
}
