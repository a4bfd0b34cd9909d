package io.trafficlab.web.grade;

import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.labs.grade.TrafficLab;
import java.util.List;

/**
 * Stands in for the engine's lab until it is built: the topology is empty (so no "host not found"
 * findings for the exercise's services) and every traffic check is an ERROR saying why. Static checks
 * (valid, no-warnings, no-diagnostic) are graded for real.
 */
public final class UnavailableTrafficLab implements TrafficLab {
  static final String WHY = "the traffic engine is not available in this build";

  @Override
  public Topology topology(YamlMap topology, List<Diagnostic> out) {
    return Topology.empty(topology.string("namespace").orElse("default"));
  }

  @Override
  public Session start(FrontEndResult config, Topology topology, long seed, double timeScale) {
    return new Session() {
      @Override
      public Outcome run(YamlMap checkTraffic) {
        return new Outcome(false, "", List.of(), WHY);
      }

      @Override
      public void close() {}
    };
  }
}
