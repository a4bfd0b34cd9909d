package io.trafficlab.engine.dataplane.proxy;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The side channel from the proxy back to the traffic client: the client sends a request with
 * {@link ProxyHeaders#TRACE} set to a fresh id, the proxy leaves the request's {@link ExchangeTrace}
 * here under that id before it writes the response, and the client takes it once the response has
 * arrived. Keeps the explanation out of the HTTP response (it is not ASCII and may be long) and
 * works for any number of requests in flight. Bounded: past {@link #CAPACITY} untaken traces new
 * ones are dropped, so a client that never collects cannot exhaust memory. Thread-safe.
 */
public final class TraceLog {
  /** Most traces kept at once. */
  public static final int CAPACITY = 100_000;

  private final ConcurrentHashMap<String, ExchangeTrace> traces = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /** A fresh id for {@link ProxyHeaders#TRACE}. */
  public String newId() {
    return Long.toString(ids.incrementAndGet());
  }

  void put(String id, ExchangeTrace trace) {
    if (traces.size() < CAPACITY) {
      traces.put(id, trace);
    }
  }

  /** Removes and returns the trace left under {@code id}. */
  public Optional<ExchangeTrace> take(String id) {
    return Optional.ofNullable(traces.remove(id));
  }

  /** Traces left and not yet taken. */
  public int size() {
    return traces.size();
  }
}
