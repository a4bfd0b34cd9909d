package io.trafficlab.engine.core.exchange;

import io.trafficlab.engine.core.exchange.AttemptOutcome.ConnectFailure;
import io.trafficlab.engine.core.exchange.AttemptOutcome.PerTryTimeout;
import io.trafficlab.engine.core.exchange.AttemptOutcome.RefusedStream;
import io.trafficlab.engine.core.exchange.AttemptOutcome.Reset;
import io.trafficlab.engine.core.exchange.AttemptOutcome.Response;
import io.trafficlab.engine.core.policy.RetryPolicy;
import io.trafficlab.engine.core.pool.RetryBudget;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The retry bookkeeping of one request, after Envoy's {@code RetryStateImpl}: an immutable policy
 * plus mutable per-request state (retries left, the backoff sequence, hosts tried, a held slot of the
 * cluster's maxRetries breaker). Not thread-safe; one per request.
 *
 * <p>Semantics (router_filter.rst, retry_state_impl.cc): {@code 5xx} retries any 5xx response and
 * any reset, connect failure or per-try timeout; {@code gateway-error} retries 502/503/504 and the
 * same local failures; {@code reset} retries resets, connect failures and per-try timeouts;
 * {@code connect-failure} and {@code refused-stream} only those; {@code retriable-4xx} retries 409;
 * {@code retriable-status-codes} the listed codes. Pool overflow, no healthy upstream and fault aborts
 * are never retried. The route timeout covering all attempts is the caller's {@link Deadline}.
 */
public final class RetryState {
  private static final Set<Integer> GATEWAY_ERRORS = Set.of(502, 503, 504);

  private final RetryPolicy policy;
  private final RetryBudget budget;
  private final Backoff backoff;
  private final Set<String> triedHosts = new LinkedHashSet<>();
  private int retriesLeft;
  private int attempt = 1;
  private boolean holdingRetrySlot;

  /**
   * @param budget the calling proxy's breaker for this cluster ({@code maxRetries}), or
   *     {@link RetryBudget#UNLIMITED}
   */
  public RetryState(RetryPolicy policy, RetryBudget budget) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.backoff = new Backoff(policy.backoffBase(), policy.maxBackoff());
    this.retriesLeft = policy.numRetries();
  }

  public RetryState(RetryPolicy policy) {
    this(policy, RetryBudget.UNLIMITED);
  }

  /** The number of the attempt in progress (1 = the first try). */
  public int attempt() {
    return attempt;
  }

  public int retriesLeft() {
    return retriesLeft;
  }

  /**
   * Decides after an attempt ended.
   *
   * @param outcome how it ended
   * @param host    the pod the attempt went to, when one was picked
   * @param random  drawn by the caller from the run's seeded generator; used for the backoff jitter
   */
  public RetryDecision onAttempt(AttemptOutcome outcome, Optional<String> host, long random) {
    host.ifPresent(triedHosts::add);
    String what = outcome.describe();
    if (outcome instanceof AttemptOutcome.Overflow || outcome instanceof AttemptOutcome.NoHealthyUpstream
        || outcome instanceof AttemptOutcome.FaultAbort) {
      return new RetryDecision.GiveUp(Optional.empty(), what + " is never retried");
    }
    if (!wouldRetry(outcome)) {
      return new RetryDecision.GiveUp(Optional.empty(), policy.numRetries() == 0 || isSuccess(outcome)
          ? what + " is final" : what + " is not retriable with retryOn " + retryOnText());
    }
    if (policy.numRetries() == 0) {
      return new RetryDecision.GiveUp(Optional.empty(), what + " not retried: retries disabled");
    }
    if (retriesLeft == 0) {
      return new RetryDecision.GiveUp(Optional.of("URX"), what + " not retried: all "
          + policy.numRetries() + " retries used");
    }
    retriesLeft--;
    if (!budget.tryAcquireRetry()) {
      return new RetryDecision.GiveUp(Optional.of("UO"),
          what + " not retried: the cluster's maxRetries circuit breaker is full");
    }
    holdingRetrySlot = true;
    attempt++;
    int retryNumber = policy.numRetries() - retriesLeft;
    Duration wait = backoff.next(random);
    Set<String> avoid = policy.retryIgnorePreviousHosts() ? Set.copyOf(triedHosts) : Set.of();
    return new RetryDecision.Retry(wait, attempt, avoid, "retry " + retryNumber + "/"
        + policy.numRetries() + " after " + what + ", backoff " + Durations.format(wait));
  }

  /**
   * The backoff of the last retry ended and its attempt starts: releases the maxRetries slot (Envoy
   * counts a retry as active while it waits for its backoff timer).
   */
  public void onRetryStarted() {
    releaseSlot();
  }

  /** The request finished or was abandoned; releases anything still held. Idempotent. */
  public void close() {
    releaseSlot();
  }

  /** Hosts tried so far, in order. */
  public Set<String> triedHosts() {
    return Set.copyOf(triedHosts);
  }

  /** Whether the policy would retry {@code outcome} if retries were left. */
  public boolean wouldRetry(AttemptOutcome outcome) {
    if (outcome instanceof Response r) {
      int s = r.status();
      return (policy.retriesOn("5xx") && s >= 500 && s <= 599)
          || (policy.retriesOn("gateway-error") && GATEWAY_ERRORS.contains(s))
          || (policy.retriesOn("retriable-4xx") && s == 409)
          || (policy.retriesOn("retriable-status-codes") && policy.retriableStatusCodes().contains(s));
    }
    boolean anyReset = policy.retriesOn("5xx") || policy.retriesOn("gateway-error")
        || policy.retriesOn("reset");
    if (outcome instanceof PerTryTimeout || outcome instanceof Reset) {
      return anyReset;
    }
    if (outcome instanceof ConnectFailure) {
      return anyReset || policy.retriesOn("connect-failure")
          || policy.retriesOn("reset-before-request");
    }
    if (outcome instanceof RefusedStream) {
      return anyReset || policy.retriesOn("refused-stream");
    }
    return false;
  }

  private static boolean isSuccess(AttemptOutcome outcome) {
    return outcome instanceof Response r && r.status() < 500;
  }

  private String retryOnText() {
    return policy.retryOn().isEmpty() ? "(none)" : String.join(",", new TreeSet<>(policy.retryOn()));
  }

  private void releaseSlot() {
    if (holdingRetrySlot) {
      holdingRetrySlot = false;
      budget.releaseRetry();
    }
  }
}
