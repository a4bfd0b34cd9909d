package io.trafficlab.engine.config;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Layer;
import io.trafficlab.engine.config.diag.Severity;
import io.trafficlab.engine.config.model.ConfigSet;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of the config front end: the resources that could be read and every diagnostic of the
 * three layers, sorted by file, line and column, then layer (schema, webhook, analysis) and code.
 */
public record FrontEndResult(ConfigSet config, List<Diagnostic> diagnostics) {

  public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::file)
      .thenComparingInt(Diagnostic::line)
      .thenComparingInt(Diagnostic::column)
      .thenComparing(Diagnostic::layer)
      .thenComparing(Diagnostic::code);

  public FrontEndResult {
    diagnostics = diagnostics.stream().sorted(ORDER).toList();
  }

  /** Valid when no layer reported an error (warnings allowed). */
  public boolean valid() {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  /**
   * True when a cluster would accept the configuration: no schema or webhook error. Traffic runs
   * then, even with analysis errors (DESIGN §4).
   */
  public boolean admissible() {
    return diagnostics.stream()
        .noneMatch(d -> d.severity() == Severity.ERROR && d.layer() != Layer.ANALYSIS);
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }
}
