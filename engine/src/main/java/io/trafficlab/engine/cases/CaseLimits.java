package io.trafficlab.engine.cases;

/**
 * Upper bounds on what one case file may ask for. A case is run on a shared machine with real
 * sockets: every pod is a server, every copy a real HTTP exchange. Values past these limits are
 * reported as TL4006 instead of being attempted. They are far above what any sample or exercise
 * needs (the largest sample sends 10,000 distribution requests to 6 pods).
 */
public final class CaseLimits {
  private CaseLimits() {}

  /** Entries in {@code requests[]}. */
  public static final int MAX_REQUEST_ENTRIES = 1_000;
  /** {@code repeat} of one request. */
  public static final int MAX_REPEAT = 10_000;
  /** {@code concurrent} of one request. */
  public static final int MAX_CONCURRENT = 1_000;
  /** Copies over all of {@code requests[]} (repeat and concurrent summed). */
  public static final int MAX_TOTAL_COPIES = 100_000;
  /** {@code distribution.requests}. */
  public static final int MAX_DISTRIBUTION_REQUESTS = 100_000;
  public static final int MAX_SERVICES = 100;
  public static final int MAX_PODS_PER_SERVICE = 50;
  /** Pods over the whole topology. */
  public static final int MAX_PODS = 200;
  public static final int MAX_GATEWAYS = 10;
  /** {@code behavior.calls} of one pod. */
  public static final int MAX_CALLS = 10;
  /** {@code behavior.latencyMs}, and expected latencies: one simulated hour. */
  public static final double MAX_LATENCY_MS = 3_600_000;
  /** Headers of one request, and entries of any header or label map. */
  public static final int MAX_HEADERS = 100;
  /** Characters of a request path (with its query). */
  public static final int MAX_PATH = 8_192;
}
