package io.trafficlab.engine.core.exchange;

import io.trafficlab.engine.core.policy.FaultPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the fault filter does to one request: nothing, a delay, an abort, or both (Envoy applies the
 * delay first, then the abort). Decided before routing reaches the router, so an aborted request is
 * never retried and reaches no pod.
 *
 * @param delay       how long to hold the request (flag DI)
 * @param abortStatus the local reply's status, body {@code fault filter abort} (flag FI)
 * @param reason      a short explanation for the request's trace
 */
public record FaultDecision(Optional<Duration> delay, OptionalInt abortStatus, String reason) {

  public static final FaultDecision NONE =
      new FaultDecision(Optional.empty(), OptionalInt.empty(), "no fault");

  /** The local reply body Envoy's fault filter sends. */
  public static final String ABORT_BODY = "fault filter abort";

  /**
   * Draws the delay and the abort independently from one random value, as Envoy draws one random
   * number per fault: {@code random mod 1e6 < ppm}. The abort uses a second value mixed from the
   * same argument, so one seed gives one reproducible outcome.
   */
  public static FaultDecision decide(FaultPolicy policy, long random) {
    if (policy.isNone()) {
      return NONE;
    }
    long delayDraw = Long.remainderUnsigned(random, FaultPolicy.MILLION);
    long abortDraw = Long.remainderUnsigned(mix(random), FaultPolicy.MILLION);
    Optional<Duration> delay = policy.delay()
        .filter(d -> delayDraw < d.ppm())
        .map(FaultPolicy.Delay::fixedDelay);
    OptionalInt abort = policy.abort()
        .filter(a -> abortDraw < a.ppm())
        .map(a -> OptionalInt.of(a.httpStatus()))
        .orElse(OptionalInt.empty());
    if (delay.isEmpty() && abort.isEmpty()) {
      return new FaultDecision(delay, abort, "fault configured but not drawn");
    }
    List<String> parts = new ArrayList<>();
    delay.ifPresent(d -> parts.add("delayed " + Durations.format(d) + " by fault injection"));
    abort.ifPresent(s -> parts.add("aborted with " + s + " by fault injection"));
    return new FaultDecision(delay, abort, String.join(", then ", parts));
  }

  public boolean isNone() {
    return delay.isEmpty() && abortStatus.isEmpty();
  }

  /** Envoy response flags this decision adds: DI for a delay, FI for an abort. */
  public List<String> flags() {
    List<String> flags = new ArrayList<>(2);
    delay.ifPresent(d -> flags.add("DI"));
    abortStatus.ifPresent(s -> flags.add("FI"));
    return flags;
  }

  /** SplitMix64's finaliser: a second, independent-looking draw from the same argument. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
