package io.trafficlab.engine.core.outlier;

import java.util.List;

/**
 * The hosts load balancing may use now. Empty means no healthy upstream (503 UH).
 *
 * @param panic true when the healthy share fell below minHealthPercent and every host, ejected
 *     ones included, is used (Envoy's panic mode)
 */
public record HealthyHosts(List<String> hosts, boolean panic, String reason) {
  public HealthyHosts {
    hosts = List.copyOf(hosts);
  }

  public boolean isEmpty() {
    return hosts.isEmpty();
  }
}
