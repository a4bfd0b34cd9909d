package io.trafficlab.engine.core.pool;

/**
 * What the connection pool does with one request. Every request gets a {@code ticket}; a queued
 * request later comes back, under the same ticket, as {@link Dispatched} or {@link Overflow} from
 * {@link ClusterCircuitBreaker#complete} / {@link ClusterCircuitBreaker#closeConnection}.
 */
public sealed interface Admission {

  long ticket();

  String host();

  String reason();

  /**
   * Send the request on {@code connectionId}.
   *
   * @param newConnection true when the caller must open this connection first
   */
  record Dispatched(long ticket, String host, long connectionId, boolean newConnection, String reason)
      implements Admission {}

  /** Waiting for a connection (counts against http1MaxPendingRequests). */
  record Queued(long ticket, String host, String reason) implements Admission {}

  /** Circuit breaker overflow: answer 503 with flag UO; never retried, never an outlier 5xx. */
  record Overflow(long ticket, String host, String reason) implements Admission {}
}
