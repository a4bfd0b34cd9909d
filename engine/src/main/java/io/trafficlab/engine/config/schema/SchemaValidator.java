package io.trafficlab.engine.config.schema;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlDocument;
import java.util.List;
import java.util.Optional;

/** Layer 1: document shape, kinds, apiVersions, metadata and the CRD schema. PLACEHOLDER. */
public final class SchemaValidator {
  public Optional<Resource> read(YamlDocument doc, String defaultNamespace, List<Diagnostic> out) {
    return Optional.empty();
  }

  public void checkDuplicates(ConfigSet config, List<Diagnostic> out) {}
}
