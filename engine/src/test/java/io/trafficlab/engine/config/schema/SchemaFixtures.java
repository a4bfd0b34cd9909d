package io.trafficlab.engine.config.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlDocument;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for schema tests: wrap a spec in a document, read it, collect diagnostics. */
final class SchemaFixtures {

  private SchemaFixtures() {}

  /** What reading some YAML gave: the resources and every diagnostic. */
  record Read(List<Resource> resources, List<Diagnostic> diagnostics) {
    List<Diagnostic> errors() {
      return diagnostics.stream().filter(Diagnostic::isError).toList();
    }
  }

  static Read read(String yaml) {
    YamlLoadResult loaded = new YamlLoader().load("t.yaml", yaml);
    assertThat(loaded.diagnostics()).as("test YAML loads").isEmpty();
    SchemaValidator v = new SchemaValidator();
    List<Diagnostic> out = new ArrayList<>();
    List<Resource> resources = new ArrayList<>();
    for (YamlDocument doc : loaded.documents()) {
      v.read(doc, "default", out).ifPresent(resources::add);
    }
    return new Read(resources, out);
  }

  static String vs(String spec) {
    return doc("networking.istio.io/v1", "VirtualService", "reviews", spec);
  }

  static String dr(String spec) {
    return doc("networking.istio.io/v1", "DestinationRule", "reviews", spec);
  }

  static String gw(String spec) {
    return doc("networking.istio.io/v1", "Gateway", "gw", spec);
  }

  static String deployment(String spec) {
    return doc("apps/v1", "Deployment", "web", spec);
  }

  static String service(String spec) {
    return doc("v1", "Service", "web", spec);
  }

  static String doc(String apiVersion, String kind, String name, String spec) {
    return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name
        + "\nspec:\n" + spec.stripTrailing().indent(2);
  }
}
