package io.trafficlab.engine.config.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.RawResources;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Layer;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs the whole front end on test YAML and returns the analysis findings. */
final class Findings {
  private Findings() {}

  static final String BOOKINFO_TOPOLOGY = """
      namespace: default
      gateways:
        - name: istio-ingressgateway
          namespace: istio-system
          labels: {istio: ingressgateway}
      services:
        - name: productpage
          port: 9080
          pods:
            - labels: {app: productpage, version: v1}
        - name: reviews
          port: 9080
          pods:
            - labels: {app: reviews, version: v1}
            - labels: {app: reviews, version: v2}
        - name: multi
          ports: [{number: 8080, name: http}, {number: 9090, name: admin}]
          pods:
            - labels: {app: multi}
      """;

  static Optional<Topology> bookinfo() {
    return Optional.of(CaseFile.topology(BOOKINFO_TOPOLOGY));
  }

  /**
   * The analysis findings for YAML the schema layer accepts (asserted: a document with a schema
   * error never reaches the analyzer, so a test on it would prove nothing).
   */
  static List<Diagnostic> analyze(String yaml, Optional<Topology> topology) {
    FrontEndResult r = new ConfigFrontEnd().validate("s.yaml", yaml, "default", topology);
    assertThat(r.diagnostics()).as("schema errors: the analyzer would never see this YAML")
        .noneMatch(d -> d.layer() == Layer.SCHEMA && d.isError());
    return r.diagnostics().stream().filter(d -> d.layer() == Layer.ANALYSIS).toList();
  }

  /** The analysis findings whatever the other layers said (e.g. for every conformance case). */
  static List<Diagnostic> analysisOf(String yaml, Optional<Topology> topology) {
    FrontEndResult r = new ConfigFrontEnd().validate("s.yaml", yaml, "default", topology);
    return r.diagnostics().stream().filter(d -> d.layer() == Layer.ANALYSIS).toList();
  }

  /**
   * The analyzer (with the topology that Deployments and Services add) on the raw trees, without
   * the schema layer in front: for shapes the schema would reject.
   */
  static List<Diagnostic> analyzeRaw(String yaml, Optional<Topology> topology) {
    List<Diagnostic> out = new ArrayList<>();
    ConfigSet config = new ConfigSet(RawResources.read("s.yaml", yaml));
    new Analyzer().analyze(config, TopologyFromConfig.merge(topology, config, "default", out), out);
    return out;
  }

  /** The rendered one-line form of every analysis finding, in file order. */
  static List<String> lines(String yaml, Optional<Topology> topology) {
    return analyze(yaml, topology).stream().map(Diagnostic::render).toList();
  }

  static List<String> lines(String yaml) {
    return lines(yaml, Optional.empty());
  }

  static List<String> linesWithTopology(String yaml) {
    return lines(yaml, bookinfo());
  }
}
