package io.trafficlab.engine.sim.pods;

/** What one call of a pod through its sidecar returned: status and simulated latency. */
public record CallResult(int status, double latencyMs) {}
