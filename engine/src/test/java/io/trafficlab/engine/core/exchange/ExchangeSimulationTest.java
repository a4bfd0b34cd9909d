package io.trafficlab.engine.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.policy.FaultPolicy;
import io.trafficlab.engine.core.policy.RetryPolicy;
import io.trafficlab.engine.core.time.Cancellable;
import io.trafficlab.engine.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The timeout samples as pure simulations: an idealised router drives {@link Deadline},
 * {@link RetryState} and {@link FaultDecision} on a virtual clock, the way the data plane will.
 */
class ExchangeSimulationTest {

  private final VirtualScheduler clock = new VirtualScheduler();

  /** Result of one simulated request. */
  private record Result(int status, List<String> flags, long latencyMs, int attempts, List<String> trace) {}

  /**
   * One request through fault → router (timeout, per-try timeout, retries) → a pod answering
   * {@code podStatus} after {@code podLatency}.
   */
  private Result run(Optional<Duration> routeTimeout, RetryPolicy retries, FaultPolicy fault,
      Duration podLatency, int podStatus) {
    return new Request(routeTimeout, retries, podLatency, podStatus).run(fault);
  }

  /** An idealised router for one request; every timer callback first checks {@code done}. */
  private final class Request {
    final Optional<Duration> routeTimeout;
    final RetryPolicy retries;
    final Duration podLatency;
    final int podStatus;
    final List<String> trace = new ArrayList<>();
    final List<String> flags = new ArrayList<>();
    RetryState state;
    Deadline deadline;
    boolean done;
    int status = -1;
    int attempts;
    Cancellable pod = () -> {};
    Cancellable perTry = () -> {};

    Request(Optional<Duration> routeTimeout, RetryPolicy retries, Duration podLatency, int podStatus) {
      this.routeTimeout = routeTimeout;
      this.retries = retries;
      this.podLatency = podLatency;
      this.podStatus = podStatus;
    }

    Result run(FaultPolicy fault) {
      long start = clock.nanoTime();
      FaultDecision f = FaultDecision.decide(fault, 0);
      trace.add(f.reason());
      flags.addAll(f.flags());
      clock.schedule(f.delay().orElse(Duration.ZERO), () -> {
        if (f.abortStatus().isPresent()) {
          finish(f.abortStatus().getAsInt());
          return;
        }
        deadline = Deadline.start(routeTimeout, clock.nanoTime());
        state = new RetryState(retries);
        deadline.remaining(clock.nanoTime()).ifPresent(left -> clock.schedule(left, () -> {
          if (!done) {
            trace.add("route timeout " + Durations.format(routeTimeout.get()) + " fired");
            flags.add("UT");
            finish(504);
          }
        }));
        attempt();
      });
      clock.advance(Duration.ofMinutes(1));
      long latency = (doneAt - start) / 1_000_000;
      return new Result(status, flags, latency, attempts, trace);
    }

    long doneAt;

    void attempt() {
      if (done) {
        return;
      }
      attempts++;
      deadline.attemptTimer(retries.perTryTimeout(), clock.nanoTime())
          .filter(Deadline.AttemptTimer::perTry)
          .ifPresent(t -> perTry = clock.schedule(t.after(), () -> ended(AttemptOutcome.PER_TRY_TIMEOUT)));
      pod = clock.schedule(podLatency, () -> ended(AttemptOutcome.response(podStatus)));
    }

    void ended(AttemptOutcome outcome) {
      if (done) {
        return;
      }
      pod.cancel();
      perTry.cancel();
      RetryDecision d = state.onAttempt(outcome, Optional.of("pod"), 1);
      trace.add(d.reason());
      if (d instanceof RetryDecision.Retry r) {
        clock.schedule(r.backoff(), this::attempt);
        return;
      }
      ((RetryDecision.GiveUp) d).flag().ifPresent(flags::add);
      if (outcome instanceof AttemptOutcome.PerTryTimeout) {
        flags.add("UT");
        finish(504);
      } else {
        finish(((AttemptOutcome.Response) outcome).status());
      }
    }

    void finish(int s) {
      done = true;
      status = s;
      doneAt = clock.nanoTime();
      pod.cancel();
      perTry.cancel();
    }
  }

  @Test
  void routeTimeoutAnswers504UtAfterHalfASecond() {
    // resilience-timeout-504: timeout 0.5s, pod takes 2s; default retries do not retry a timeout
    Result r = run(Optional.of(Duration.ofMillis(500)), RetryPolicy.istioDefault(), FaultPolicy.NONE,
        Duration.ofSeconds(2), 200);

    assertThat(r.status()).isEqualTo(504);
    assertThat(r.flags()).containsExactly("UT");
    assertThat(r.trace()).contains("route timeout 500ms fired");
    assertThat(r.latencyMs()).isEqualTo(500);
  }

  @Test
  void delayFaultAddsDiAndTheFixedDelay() {
    FaultPolicy delay = new FaultPolicy(Optional.of(new FaultPolicy.Delay(Duration.ofSeconds(2), 100)),
        Optional.empty());

    Result r = run(Optional.empty(), RetryPolicy.istioDefault(), delay, Duration.ofMillis(5), 200);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.flags()).containsExactly("DI");
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.latencyMs()).isEqualTo(2005);
  }

  @Test
  void abortFaultNeverReachesThePod() {
    FaultPolicy abort = new FaultPolicy(Optional.empty(), Optional.of(new FaultPolicy.Abort(500, 100)));

    Result r = run(Optional.empty(), new RetryPolicy(2, Set.of("5xx"), Set.of(), Optional.empty(), true,
        Duration.ofMillis(25)), abort, Duration.ofMillis(5), 200);

    assertThat(r.status()).isEqualTo(500);
    assertThat(r.flags()).containsExactly("FI");
    assertThat(r.attempts()).isZero();
  }

  @Test
  void perTryTimeoutsAreRetriedUntilTheRouteTimeoutCoversThemAll() {
    RetryPolicy p = new RetryPolicy(5, Set.of("5xx"), Set.of(), Optional.of(Duration.ofMillis(100)),
        true, Duration.ofMillis(25));

    Result r = run(Optional.of(Duration.ofMillis(250)), p, FaultPolicy.NONE, Duration.ofSeconds(2), 200);

    assertThat(r.status()).isEqualTo(504);
    assertThat(r.flags()).containsExactly("UT");
    assertThat(r.attempts()).isBetween(2, 3);
    assertThat(r.trace()).contains("retry 1/5 after per-try timeout, backoff 1ms", "route timeout 250ms fired");
  }

  @Test
  void perTryTimeoutWithoutAResetPolicyIsAFinal504() {
    RetryPolicy p = new RetryPolicy(2, Set.of("retriable-status-codes"), Set.of(503),
        Optional.of(Duration.ofMillis(100)), true, Duration.ofMillis(25));

    Result r = run(Optional.empty(), p, FaultPolicy.NONE, Duration.ofSeconds(2), 200);

    assertThat(r.status()).isEqualTo(504);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.trace()).contains(
        "per-try timeout is not retriable with retryOn retriable-status-codes");
  }
}
