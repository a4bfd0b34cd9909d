package io.trafficlab.web.grade;

import io.trafficlab.engine.cases.CaseFile;
import io.trafficlab.engine.cases.CaseLoadResult;
import io.trafficlab.engine.cases.CaseLoader;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlDocument;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.labs.grade.TrafficLab;
import java.util.List;

/**
 * A lab without a data plane: topologies are read with the case loader (the same vocabulary the
 * engine's lab reads), traffic checks end as ERROR with a plain explanation.
 */
final class OfflineLab implements TrafficLab {
  static final String NO_ENGINE = "the traffic engine is not part of this build yet, so no requests were sent";

  @Override
  public Topology topology(YamlMap topology, List<Diagnostic> out) {
    return readTopology(topology, out);
  }

  /** Reads a case-format {@code topology} mapping as the case loader does. */
  static Topology readTopology(YamlMap topology, List<Diagnostic> out) {
    YamlMap root = new YamlMap(List.of(new YamlMap.Entry(
        new YamlScalar("topology", true, topology.pos(), "topology"), topology)), topology.pos(), "");
    String file = topology.pos().file();
    YamlLoadResult loaded = new YamlLoadResult(file, List.of(new YamlDocument(file, 0, root, topology.pos())),
        List.of());
    CaseLoadResult r = new CaseLoader().read(loaded, "");
    out.addAll(r.diagnostics().stream().filter(Diagnostic::isError).toList());
    return r.caseFile().map(CaseFile::toTopology).orElseGet(() -> Topology.empty("default"));
  }

  @Override
  public Session start(FrontEndResult config, Topology topology, long seed, double timeScale) {
    return new Session() {
      @Override
      public Outcome run(YamlMap checkTraffic) {
        return new Outcome(false, "", List.of(), NO_ENGINE);
      }

      @Override
      public void close() {}
    };
  }
}
