package io.trafficlab.engine.core.route;

import java.util.Map;

/**
 * The per-proxy part of a match block that depends on the calling workload ({@code sourceLabels},
 * {@code sourceNamespace}). Istio evaluates it when it generates a proxy's routes; a shared route
 * table evaluates it per request instead, which keeps first-match order the same.
 *
 * @param namespace null = any namespace
 */
public record SourceFilter(Map<String, String> labels, String namespace) {
  public SourceFilter {
    labels = Map.copyOf(labels);
  }

  /** True when the workload carries every label and lives in the namespace. */
  public boolean admits(String workloadNamespace, Map<String, String> workloadLabels) {
    if (namespace != null && !namespace.equals(workloadNamespace)) {
      return false;
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!e.getValue().equals(workloadLabels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
