package io.trafficlab.engine.core.topology;

import java.util.List;
import java.util.Map;

/**
 * How a synthetic pod answers (istio-semantics §11): a fixed latency, an independent error rate with
 * its status, calls to other services through its own sidecar, and extra response headers.
 */
public record PodBehavior(double latencyMs, double errorRate, int errorStatus, List<Call> calls,
    Map<String, String> responseHeaders) {

  public static final PodBehavior HEALTHY = new PodBehavior(0, 0, 503, List.of(), Map.of());

  public PodBehavior {
    calls = List.copyOf(calls);
    responseHeaders = Map.copyOf(responseHeaders);
  }

  /** A call the pod makes before answering. */
  public record Call(String host, String path) {}
}
