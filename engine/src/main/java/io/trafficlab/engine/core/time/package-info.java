/**
 * Simulated time: {@link io.trafficlab.engine.core.time.Ticker} (monotonic reading),
 * {@link io.trafficlab.engine.core.time.Scheduler} (waiting), the hand-driven
 * {@link io.trafficlab.engine.core.time.VirtualScheduler} and the pure scale arithmetic
 * ({@link io.trafficlab.engine.core.time.TimeScale}, {@link io.trafficlab.engine.core.time.ScaledScheduler})
 * the data plane wraps around its event loop. JDK only; never reads the system clock.
 */
package io.trafficlab.engine.core.time;
