package io.trafficlab.engine.config.schema;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.model.ResourceKind;
import io.trafficlab.engine.config.yaml.YamlDocument;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Layer 1: document shape, kinds, apiVersions, metadata and the CRD schema. A document with a schema
 * error is not turned into a {@link Resource}.
 */
public final class SchemaValidator {

  /** Reads one document; empty documents are skipped silently (kubectl does the same). */
  public Optional<Resource> read(YamlDocument doc, String defaultNamespace, List<Diagnostic> out) {
    YamlNode root = doc.root();
    if (root == null || (root instanceof io.trafficlab.engine.config.yaml.YamlScalar s && s.isNull())) {
      return Optional.empty();
    }
    if (!(root instanceof YamlMap map)) {
      out.add(Diagnostic.of(DiagnosticCode.TL0101, root.pos(), "", "",
          "each document must start with apiVersion: and kind:", root.kindName()));
      return Optional.empty();
    }
    Optional<String> kindName = map.string("kind");
    Optional<String> apiVersion = map.string("apiVersion");
    if (kindName.isEmpty()) {
      out.add(Diagnostic.of(DiagnosticCode.TL0102, map.pos(), "kind", "",
          "add kind: Gateway, VirtualService, DestinationRule, Deployment or Service", q("kind")));
      return Optional.empty();
    }
    Optional<ResourceKind> kind = ResourceKind.byKindName(kindName.get());
    if (kind.isEmpty()) {
      YamlNode k = map.get("kind");
      out.add(Diagnostic.of(DiagnosticCode.TL0103, k.pos(), "kind", "",
          "supported kinds: Gateway, VirtualService, DestinationRule (networking.istio.io/v1, "
              + "v1beta1, v1alpha3), Deployment (apps/v1) and Service (v1)", q(kindName.get())));
      return Optional.empty();
    }
    if (apiVersion.isEmpty()) {
      out.add(Diagnostic.of(DiagnosticCode.TL0102, map.pos(), "apiVersion", "",
          "add apiVersion: " + kind.get().apiVersions().get(0), q("apiVersion")));
      return Optional.empty();
    }
    if (!kind.get().apiVersions().contains(apiVersion.get())) {
      out.add(Diagnostic.of(DiagnosticCode.TL0104, map.get("apiVersion").pos(), "apiVersion", "",
          kind.get().kindName() + " is served at " + String.join(", ", kind.get().apiVersions()),
          q(apiVersion.get()), kind.get().kindName()));
      return Optional.empty();
    }
    Optional<YamlMap> metadata = map.map("metadata");
    if (metadata.isEmpty() || metadata.get().string("name").isEmpty()) {
      out.add(Diagnostic.of(DiagnosticCode.TL0102, map.pos(), "metadata.name", "",
          "add metadata: {name: my-" + kind.get().kindName().toLowerCase() + "}", q("metadata.name")));
      return Optional.empty();
    }
    String name = metadata.get().string("name").get();
    String ns = metadata.get().string("namespace").orElse(defaultNamespace);
    YamlMap spec = map.map("spec").orElse(new YamlMap(List.of(), map.pos(), "spec"));
    return Optional.of(new Resource(kind.get(), apiVersion.get(), name, ns, map, spec, doc.file(),
        doc.index()));
  }

  /** Two objects of the same kind, namespace and name: the second would replace the first. */
  public void checkDuplicates(ConfigSet config, List<Diagnostic> out) {
    Map<String, Resource> seen = new HashMap<>();
    for (Resource r : config.resources()) {
      Resource first = seen.putIfAbsent(r.ref(), r);
      if (first != null) {
        out.add(Diagnostic.of(DiagnosticCode.TL0106, r.root().get("metadata").pos(), "metadata.name",
            r.ref(), "give each object its own name, or remove the older one",
            r.kind().kindName(), q(r.namespace() + "/" + r.name()), first.pos().line()));
      }
    }
  }
}
