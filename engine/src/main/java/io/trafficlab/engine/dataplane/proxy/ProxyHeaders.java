package io.trafficlab.engine.dataplane.proxy;

/**
 * Internal headers between the traffic client, the proxy and the synthetic pods. All start with
 * {@value #PREFIX}; observations leave them out of what the pod saw.
 */
public final class ProxyHeaders {
  /** Prefix of every internal header. */
  public static final String PREFIX = "x-trafficlab-";
  /** Response header: the Envoy response flags of the reply, comma-separated ({@code UT,URX}). */
  public static final String FLAGS = "x-trafficlab-flags";
  /**
   * Request header: the id under which the proxy leaves the request's {@link ExchangeTrace} in the
   * {@link TraceLog}. Stripped before forwarding, so only the first hop is traced.
   */
  public static final String TRACE = "x-trafficlab-trace";
  /**
   * Request header: the key the proxy derives the request's random choices from (with the run's
   * seed), so that picks do not depend on arrival order. Forwarded, and propagated by pods on their
   * calls, so every hop of a request draws reproducibly.
   */
  public static final String SEQUENCE = "x-trafficlab-seq";
  /**
   * Request header: the destination port a mesh client dialled (what a sidecar learns from the
   * original destination of the intercepted connection). Stripped before forwarding.
   */
  public static final String DESTINATION_PORT = "x-trafficlab-dst-port";
  /** Request header on mirrored copies; the pod counts them apart. */
  public static final String MIRROR = "x-trafficlab-mirror";
  /**
   * Request and response header: a simulated instant (nanoseconds on the run's scheduler clock).
   * On a request, when it was sent; on a response, when it was complete. Every hop carries it
   * forward and adds exactly the simulated waits it made (pod latency, fault delay, backoff, a
   * timeout), never its own processing time, so latencies are the sum of the simulated waits on a
   * request's critical path whatever the machine's load and the time scale (see {@link #time}).
   */
  public static final String TIME = "x-trafficlab-time";

  private ProxyHeaders() {}

  /** The simulated instant a {@link #TIME} value carries, or {@code fallback} when absent or bad. */
  public static long time(String headerValue, long fallback) {
    if (headerValue == null) {
      return fallback;
    }
    try {
      return Long.parseLong(headerValue.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public static boolean isInternal(String lowerCaseName) {
    return lowerCaseName.startsWith(PREFIX);
  }
}
