package io.trafficlab.engine.core.time;

/** Monotonic time in nanoseconds of simulated time. The only clock engine code reads. */
@FunctionalInterface
public interface Ticker {
  long nanoTime();
}
