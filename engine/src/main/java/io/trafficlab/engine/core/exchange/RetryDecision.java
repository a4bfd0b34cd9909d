package io.trafficlab.engine.core.exchange;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** What the router does after an attempt: retry after a backoff, or give the result to the client. */
public sealed interface RetryDecision {

  String reason();

  /**
   * Try again after {@code backoff}.
   *
   * @param attempt    the number of the attempt to start (2 for the first retry)
   * @param avoidHosts pods the next pick should avoid (previous-host predicate; empty when off)
   */
  record Retry(Duration backoff, int attempt, Set<String> avoidHosts, String reason)
      implements RetryDecision {
    public Retry {
      avoidHosts = Set.copyOf(avoidHosts);
    }
  }

  /**
   * Stop and answer with this attempt's result.
   *
   * @param flag an Envoy response flag this adds: {@code URX} when the outcome was retriable but the
   *     retries were used up, {@code UO} when the cluster's maxRetries breaker refused the retry
   */
  record GiveUp(Optional<String> flag, String reason) implements RetryDecision {}
}
