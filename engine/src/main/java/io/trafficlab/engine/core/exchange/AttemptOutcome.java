package io.trafficlab.engine.core.exchange;

/**
 * How one upstream attempt ended, as the router sees it. The data plane reports one of these to
 * {@link RetryState#onAttempt}.
 */
public sealed interface AttemptOutcome {

  /** The pod answered with {@code status} (a response, even a 5xx, is not a reset). */
  record Response(int status) implements AttemptOutcome {}

  /** The TCP connection could not be established (refused, unreachable, connect timeout). */
  record ConnectFailure() implements AttemptOutcome {}

  /** The connection was reset or closed after the request started, before a response. */
  record Reset() implements AttemptOutcome {}

  /** The upstream refused the stream (HTTP/2 REFUSED_STREAM). */
  record RefusedStream() implements AttemptOutcome {}

  /** The attempt's per-try timeout fired before a response. */
  record PerTryTimeout() implements AttemptOutcome {}

  /** The cluster's connection pool overflowed (503 UO); never retried. */
  record Overflow() implements AttemptOutcome {}

  /** No healthy endpoint was left to pick (503 UH); never retried. */
  record NoHealthyUpstream() implements AttemptOutcome {}

  /** The fault filter aborted the request; it never reached the router, never retried. */
  record FaultAbort(int status) implements AttemptOutcome {}

  AttemptOutcome CONNECT_FAILURE = new ConnectFailure();
  AttemptOutcome RESET = new Reset();
  AttemptOutcome REFUSED_STREAM = new RefusedStream();
  AttemptOutcome PER_TRY_TIMEOUT = new PerTryTimeout();
  AttemptOutcome OVERFLOW = new Overflow();
  AttemptOutcome NO_HEALTHY_UPSTREAM = new NoHealthyUpstream();

  static AttemptOutcome response(int status) {
    return new Response(status);
  }

  /** A few words for decision reasons: {@code 503}, {@code per-try timeout}, ... */
  default String describe() {
    if (this instanceof Response r) {
      return String.valueOf(r.status());
    }
    if (this instanceof ConnectFailure) {
      return "connect failure";
    }
    if (this instanceof Reset) {
      return "reset";
    }
    if (this instanceof RefusedStream) {
      return "refused stream";
    }
    if (this instanceof PerTryTimeout) {
      return "per-try timeout";
    }
    if (this instanceof Overflow) {
      return "pool overflow (UO)";
    }
    if (this instanceof NoHealthyUpstream) {
      return "no healthy upstream (UH)";
    }
    return "fault abort " + ((FaultAbort) this).status();
  }
}
