package io.trafficlab.engine.core.outlier;

import java.time.Duration;

/**
 * A host was ejected.
 *
 * @param duration how long it stays out at least (it returns at the first interval sweep after)
 * @param times    how many times it has been ejected so far (1 = first)
 */
public record Ejection(String host, Duration duration, int times, String reason) {}
