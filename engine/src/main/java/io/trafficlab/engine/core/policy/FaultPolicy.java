package io.trafficlab.engine.core.policy;

import java.time.Duration;
import java.util.Optional;

/** A route's fault injection; a missing percentage means 0 % (istio-semantics §5 fault). */
public record FaultPolicy(Optional<Delay> delay, Optional<Abort> abort) {
  public static final FaultPolicy NONE = new FaultPolicy(Optional.empty(), Optional.empty());

  /** Parts per million in a whole (Envoy's FractionalPercent denominator MILLION, as Istio uses). */
  public static final int MILLION = 1_000_000;

  /** @param percent 0..100 */
  public record Delay(Duration fixedDelay, double percent) {
    /** Istio's translation: {@code uint32(percent × 10000)} parts per million (truncating). */
    public int ppm() {
      return toPpm(percent);
    }
  }

  /** @param percent 0..100 */
  public record Abort(int httpStatus, double percent) {
    public int ppm() {
      return toPpm(percent);
    }
  }

  public boolean isNone() {
    return delay.isEmpty() && abort.isEmpty();
  }

  static int toPpm(double percent) {
    if (!(percent > 0)) {
      return 0;
    }
    return (int) Math.min(MILLION, (long) (percent * 10_000));
  }
}
