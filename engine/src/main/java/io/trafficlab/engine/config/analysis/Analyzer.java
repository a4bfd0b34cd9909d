package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.core.topology.Topology;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Layer 3: istioctl analyze-style cross-resource checks (istio-semantics §9) plus a few findings of
 * our own (TL31xx). Runs whatever the earlier layers said, reads the YAML defensively and never
 * throws. Findings about service hosts, ports, pods and gateway workloads need a topology: without
 * one (a config fragment validated alone) they are skipped, never guessed.
 *
 * <p>Webhook findings are not repeated here (Istio's analyzer echoes them as IST0133; trafficlab
 * shows the webhook diagnostic itself).
 */
public final class Analyzer {

  private static final List<Consumer<AnalysisContext>> CHECKS = List.of(
      GatewayChecks::run,
      DestinationChecks::run,
      RuleOrderChecks::run,
      VirtualServiceChecks::run,
      DelegateChecks::run,
      DestinationRuleChecks::run);

  /**
   * Appends the analysis findings to {@code out}, which may already hold the schema and webhook
   * diagnostics of the same config.
   *
   * @param topology the services, pods and gateway workloads, or empty when unknown
   */
  public void analyze(ConfigSet config, Optional<Topology> topology, List<Diagnostic> out) {
    AnalysisContext ctx = new AnalysisContext(config, topology, out);
    for (Consumer<AnalysisContext> check : CHECKS) {
      try {
        check.accept(ctx);
      } catch (RuntimeException bug) {
        // A defect of ours must not hide the other findings or reach the user as a stack trace.
        out.add(Diagnostic.of(DiagnosticCode.IST0001, null, "", "",
            "please report this configuration to the trafficlab maintainers",
            bug.getClass().getSimpleName()));
      }
    }
  }
}
