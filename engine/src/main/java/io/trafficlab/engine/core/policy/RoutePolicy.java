package io.trafficlab.engine.core.policy;

import java.time.Duration;
import java.util.Optional;

/** What an HTTP route adds around forwarding: timeout (off by default), retries and faults. */
public record RoutePolicy(Optional<Duration> timeout, RetryPolicy retries, FaultPolicy fault) {
  public static final RoutePolicy DEFAULT =
      new RoutePolicy(Optional.empty(), RetryPolicy.istioDefault(), FaultPolicy.NONE);
}
