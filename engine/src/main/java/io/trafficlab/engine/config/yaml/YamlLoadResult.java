package io.trafficlab.engine.config.yaml;

import io.trafficlab.engine.config.diag.Diagnostic;
import java.util.List;

/**
 * What loading a file gave: the documents that could be read and the diagnostics. When any
 * diagnostic is an error, {@code documents} is empty: a file is read whole or not at all, so no
 * half-read configuration is ever acted on.
 */
public record YamlLoadResult(String file, List<YamlDocument> documents, List<Diagnostic> diagnostics) {
  public YamlLoadResult {
    documents = List.copyOf(documents);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean ok() {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }
}
