package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Layer;
import io.trafficlab.engine.core.topology.Topology;
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

  static List<Diagnostic> analyze(String yaml, Optional<Topology> topology) {
    FrontEndResult r = new ConfigFrontEnd().validate("s.yaml", yaml, "default", topology);
    return r.diagnostics().stream().filter(d -> d.layer() == Layer.ANALYSIS).toList();
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
