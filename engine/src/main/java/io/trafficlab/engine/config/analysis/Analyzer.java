package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.core.topology.Topology;
import java.util.List;
import java.util.Optional;

/** Layer 3: istioctl analyze-style cross-resource checks. PLACEHOLDER. */
public final class Analyzer {
  public void analyze(ConfigSet config, Optional<Topology> topology, List<Diagnostic> out) {}
}
