package io.trafficlab.engine.core.policy;

import java.time.Duration;

/** Outlier detection of one cluster; present only when the block is configured (§6). */
public record OutlierPolicy(int consecutive5xxErrors, int consecutiveGatewayErrors, Duration interval,
    Duration baseEjectionTime, int maxEjectionPercent, int minHealthPercent) {}
