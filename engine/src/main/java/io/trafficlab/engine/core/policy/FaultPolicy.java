package io.trafficlab.engine.core.policy;

import java.time.Duration;
import java.util.Optional;

/** A route's fault injection; a missing percentage means 0 % (istio-semantics §5 fault). */
public record FaultPolicy(Optional<Delay> delay, Optional<Abort> abort) {
  public static final FaultPolicy NONE = new FaultPolicy(Optional.empty(), Optional.empty());

  /** @param percent 0..100 */
  public record Delay(Duration fixedDelay, double percent) {}

  /** @param percent 0..100 */
  public record Abort(int httpStatus, double percent) {}

  public boolean isNone() {
    return delay.isEmpty() && abort.isEmpty();
  }
}
