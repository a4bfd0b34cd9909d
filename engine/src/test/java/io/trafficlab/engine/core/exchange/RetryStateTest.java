package io.trafficlab.engine.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.policy.ConnectionPoolPolicy;
import io.trafficlab.engine.core.policy.RetryPolicy;
import io.trafficlab.engine.core.pool.ClusterCircuitBreaker;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryStateTest {

  private static RetryPolicy policy(int retries, String retryOn, Integer... codes) {
    Set<String> on = Arrays.stream(retryOn.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
    return new RetryPolicy(retries, on, Set.of(codes), Optional.empty(), true, Duration.ofMillis(25));
  }

  private static AttemptOutcome outcome(String text) {
    return switch (text) {
      case "connect-failure" -> AttemptOutcome.CONNECT_FAILURE;
      case "reset" -> AttemptOutcome.RESET;
      case "refused-stream" -> AttemptOutcome.REFUSED_STREAM;
      case "per-try-timeout" -> AttemptOutcome.PER_TRY_TIMEOUT;
      case "overflow" -> AttemptOutcome.OVERFLOW;
      case "no-healthy" -> AttemptOutcome.NO_HEALTHY_UPSTREAM;
      case "abort" -> new AttemptOutcome.FaultAbort(503);
      default -> AttemptOutcome.response(Integer.parseInt(text));
    };
  }

  /** retryOn (';' separates policies), outcome, retried? */
  @ParameterizedTest(name = "retryOn {0}, outcome {1} → retry {2}")
  @CsvSource({
      "5xx,                      503,             true",
      "5xx,                      500,             true",
      "5xx,                      404,             false",
      "5xx,                      reset,           true",
      "5xx,                      connect-failure, true",
      "5xx,                      per-try-timeout, true",
      "gateway-error,            502,             true",
      "gateway-error,            504,             true",
      "gateway-error,            500,             false",
      "gateway-error,            per-try-timeout, true",
      "reset,                    reset,           true",
      "reset,                    503,             false",
      "reset,                    per-try-timeout, true",
      "connect-failure,          connect-failure, true",
      "connect-failure,          reset,           false",
      "connect-failure,          per-try-timeout, false",
      "retriable-4xx,            409,             true",
      "retriable-4xx,            404,             false",
      "refused-stream,           refused-stream,  true",
      "refused-stream,           reset,           false",
      "retriable-status-codes,   503,             true",
      "retriable-status-codes,   per-try-timeout, false",
      "retriable-status-codes,   500,             false",
      "5xx,                      overflow,        false",
      "5xx,                      no-healthy,      false",
      "5xx,                      abort,           false",
      "5xx,                      200,             false",
  })
  void retryOnPoliciesFollowEnvoy(String retryOn, String outcome, boolean retried) {
    RetryState state = new RetryState(policy(2, retryOn, 503));

    RetryDecision d = state.onAttempt(outcome(outcome), Optional.of("pod-0"), 3);

    assertThat(d instanceof RetryDecision.Retry).as(d.reason()).isEqualTo(retried);
  }

  @Test
  void istioDefaultRetriesConnectFailuresButNotAn503() {
    RetryState state = new RetryState(RetryPolicy.istioDefault());

    assertThat(state.onAttempt(AttemptOutcome.response(503), Optional.of("a"), 0))
        .isInstanceOf(RetryDecision.GiveUp.class);
    assertThat(state.onAttempt(AttemptOutcome.CONNECT_FAILURE, Optional.of("a"), 0))
        .isInstanceOf(RetryDecision.Retry.class);
  }

  @Test
  void retriesStopAfterTheAttemptsWithUrx() {
    RetryState state = new RetryState(policy(2, "5xx"));

    RetryDecision first = state.onAttempt(AttemptOutcome.response(503), Optional.of("a"), 18);
    RetryDecision second = state.onAttempt(AttemptOutcome.response(503), Optional.of("b"), 7);
    RetryDecision third = state.onAttempt(AttemptOutcome.response(503), Optional.of("a"), 7);

    assertThat(first).isEqualTo(new RetryDecision.Retry(Duration.ofMillis(18), 2, Set.of("a"),
        "retry 1/2 after 503, backoff 18ms"));
    assertThat(second).isEqualTo(new RetryDecision.Retry(Duration.ofMillis(7), 3, Set.of("a", "b"),
        "retry 2/2 after 503, backoff 7ms"));
    assertThat(third).isEqualTo(new RetryDecision.GiveUp(Optional.of("URX"),
        "503 not retried: all 2 retries used"));
    assertThat(state.attempt()).isEqualTo(3);
  }

  @Test
  void disabledRetriesGiveUpWithoutFlag() {
    RetryState state = new RetryState(RetryPolicy.none());

    RetryDecision d = state.onAttempt(AttemptOutcome.CONNECT_FAILURE, Optional.of("a"), 0);

    assertThat(d).isEqualTo(new RetryDecision.GiveUp(Optional.empty(), "connect failure is final"));
  }

  @Test
  void previousHostAvoidanceCanBeTurnedOff() {
    RetryPolicy p = new RetryPolicy(1, Set.of("5xx"), Set.of(), Optional.empty(), false,
        Duration.ofMillis(25));

    RetryDecision d = new RetryState(p).onAttempt(AttemptOutcome.response(500), Optional.of("a"), 0);

    assertThat(((RetryDecision.Retry) d).avoidHosts()).isEmpty();
  }

  @Test
  void fullRetryBreakerRefusesTheRetryWithUo() {
    ClusterCircuitBreaker breaker = new ClusterCircuitBreaker(new ConnectionPoolPolicy(
        ConnectionPoolPolicy.UNLIMITED, ConnectionPoolPolicy.UNLIMITED, ConnectionPoolPolicy.UNLIMITED,
        0, 1, Duration.ofSeconds(10)));
    RetryState waiting = new RetryState(policy(2, "5xx"), breaker);
    RetryState refused = new RetryState(policy(2, "5xx"), breaker);

    assertThat(waiting.onAttempt(AttemptOutcome.response(503), Optional.of("a"), 0))
        .isInstanceOf(RetryDecision.Retry.class);
    RetryDecision d = refused.onAttempt(AttemptOutcome.response(503), Optional.of("a"), 0);
    assertThat(d).isEqualTo(new RetryDecision.GiveUp(Optional.of("UO"),
        "503 not retried: the cluster's maxRetries circuit breaker is full"));

    waiting.onRetryStarted();
    assertThat(breaker.activeRetries()).isZero();
    waiting.close();
    assertThat(breaker.activeRetries()).isZero();
  }

  /**
   * resilience-retries-mask-flaky-pod: one pod failing half of the requests, attempts 2, retryOn
   * 5xx: a request fails only if all three attempts fail, p = 0.125.
   */
  @Test
  void retriesMaskAFlakyPodDownToOneEighthOfFailures() {
    SplittableRandom random = new SplittableRandom(2024);
    RetryPolicy p = policy(2, "5xx");
    int trials = 10_000;
    int failures = 0;
    int attempts = 0;
    for (int i = 0; i < trials; i++) {
      RetryState state = new RetryState(p);
      while (true) {
        attempts++;
        int status = random.nextDouble() < 0.5 ? 503 : 200;
        RetryDecision d = state.onAttempt(AttemptOutcome.response(status), Optional.of("reviews-v1-0"),
            random.nextLong());
        if (d instanceof RetryDecision.GiveUp) {
          failures += status == 503 ? 1 : 0;
          break;
        }
      }
    }
    double p503 = 0.125;
    double sigma = Math.sqrt(p503 * (1 - p503) / trials);
    assertThat((double) failures / trials).isBetween(p503 - 4 * sigma, p503 + 4 * sigma);
    // expected attempts per request: 1 + 0.5 + 0.25
    assertThat((double) attempts / trials).isBetween(1.70, 1.80);
  }
}
