package io.trafficlab.engine.cases;

import java.util.List;
import java.util.Map;

/**
 * What happened to one request, in the shape of DESIGN §4 (CONTRACT): status, response flags,
 * body (first 1 KiB), response headers (lower-case names), the upstream pod that answered as it saw
 * the request, the number of upstream attempts, mirrors, simulated latency and the route explanation.
 */
public record Observation(
    int status,
    List<String> responseFlags,
    String body,
    Map<String, String> responseHeaders,
    Upstream upstream,
    int upstreamAttempts,
    List<Mirror> mirroredTo,
    double latencyMs,
    String route) {

  public Observation {
    responseFlags = List.copyOf(responseFlags);
    responseHeaders = Map.copyOf(responseHeaders);
    mirroredTo = List.copyOf(mirroredTo);
  }

  /**
   * The pod that answered, as it saw the request; null when no pod was reached.
   *
   * @param subset the DestinationRule subset the route chose, null when the route names none
   */
  public record Upstream(String service, String namespace, String subset, String pod,
      Map<String, String> podLabels, String path, String authority, Map<String, String> headers) {
    public Upstream {
      podLabels = Map.copyOf(podLabels);
      headers = Map.copyOf(headers);
    }
  }

  /** A copy sent by a mirror policy; its response is ignored. */
  public record Mirror(String service, String namespace, String subset, String pod, String path) {}
}
