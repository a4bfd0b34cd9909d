package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * What reading a case file gave. {@code caseFile} is present whenever the file is a YAML mapping,
 * even with errors (entries with errors are left out), so that a validator can still check the
 * config against the topology; a runner must require {@link #ok()}.
 */
public record CaseLoadResult(String file, Optional<CaseFile> caseFile, List<Diagnostic> diagnostics) {
  public CaseLoadResult {
    diagnostics = List.copyOf(diagnostics);
  }

  /** No error in the case file itself (the config's own diagnostics are not included). */
  public boolean ok() {
    return caseFile.isPresent() && diagnostics.stream().noneMatch(Diagnostic::isError);
  }
}
