package io.trafficlab.engine.core.time;

import java.time.Duration;

/**
 * Waiting, in simulated time. Implementations: virtual (advanced by hand, for unit tests), and the
 * data plane's event-loop scheduler, optionally scaled ({@code --time-scale X}: one simulated second
 * takes 1/X real seconds). Nothing in engine code sleeps or reads the system clock directly.
 */
public interface Scheduler {
  Ticker ticker();

  /** Runs {@code task} once after {@code delay} of simulated time. */
  Cancellable schedule(Duration delay, Runnable task);
}
