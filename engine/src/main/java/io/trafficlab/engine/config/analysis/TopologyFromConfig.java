package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.core.topology.Topology;
import java.util.List;
import java.util.Optional;

/** Adds the pods and services of Deployment/Service documents to a topology. PLACEHOLDER. */
public final class TopologyFromConfig {
  private TopologyFromConfig() {}

  public static Optional<Topology> merge(Optional<Topology> base, ConfigSet config,
      String defaultNamespace, List<Diagnostic> out) {
    return base;
  }
}
