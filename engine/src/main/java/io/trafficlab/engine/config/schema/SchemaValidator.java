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
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Layer 1: document shape, kinds, apiVersions, metadata and the CRD schema (what a cluster's API
 * server rejects before Istio's webhook sees the object). Every schema error of a document is
 * reported (up to {@link SchemaChecker#MAX_ERRORS}); a document with any schema error is not turned
 * into a {@link Resource}, so later layers only ever see well-typed trees.
 *
 * <p>Guarantees for a returned Resource: every field is known, typed as the CRD says (integers in
 * range, enums valid, durations parseable and >= 1 ms where the CRD says so), required fields
 * present, oneOf groups respected, metadata.name a DNS-1123 subdomain.
 */
public final class SchemaValidator {

  /** Reads one document; empty documents are skipped silently (kubectl does the same). */
  public Optional<Resource> read(YamlDocument doc, String defaultNamespace, List<Diagnostic> out) {
    YamlNode root = doc.root();
    if (root == null || (root instanceof YamlScalar s && s.isNull())) {
      return Optional.empty();
    }
    if (!(root instanceof YamlMap map)) {
      out.add(Diagnostic.of(DiagnosticCode.TL0101, root.pos(), "", "",
          root instanceof YamlSeq
              ? "a document is one object, not a list: separate objects with a line containing "
                  + "only ---"
              : "each document must start with apiVersion: and kind:",
          root.kindName()));
      return Optional.empty();
    }
    Optional<ResourceKind> kind = kindOf(map, out);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    String apiVersion = ((YamlScalar) map.get("apiVersion")).value();
    String name = stringAt(map, "metadata", "name").orElse(null);
    String namespace = stringAt(map, "metadata", "namespace").orElse(defaultNamespace);
    String ref = kind.get().kindName() + " " + namespace + "/" + (name == null ? "?" : name);

    List<Diagnostic> found = new ArrayList<>();
    SchemaChecker checker = new SchemaChecker(ref, found);
    checker.checkDocument(map, KubeSchema.documentOf(kind.get()));
    map.map("metadata").ifPresent(m -> checkMetadata(m, ref, found));
    out.addAll(found);
    if (found.stream().anyMatch(Diagnostic::isError) || name == null) {
      return Optional.empty();
    }
    YamlMap spec = map.map("spec").orElse(new YamlMap(List.of(), map.pos(), "spec"));
    return Optional.of(new Resource(kind.get(), apiVersion, name, namespace, map, spec, doc.file(),
        doc.index()));
  }

  /** The document's kind, if kind and apiVersion name something trafficlab reads. */
  private static Optional<ResourceKind> kindOf(YamlMap map, List<Diagnostic> out) {
    YamlNode kindNode = map.get("kind");
    YamlNode apiNode = map.get("apiVersion");
    if (SchemaChecker.isNull(kindNode)) {
      out.add(Diagnostic.of(DiagnosticCode.TL0102, map.pos(), "kind", "",
          "add kind: Gateway, VirtualService, DestinationRule, Deployment or Service", q("kind")));
      return Optional.empty();
    }
    if (!(kindNode instanceof YamlScalar k) || !k.isString()) {
      out.add(Diagnostic.of(DiagnosticCode.TL1002, kindNode.pos(), "kind", "",
          "write the kind as a word, e.g. kind: VirtualService", q("kind"), "a string",
          SchemaChecker.found(kindNode)));
      return Optional.empty();
    }
    String api = apiNode instanceof YamlScalar a && a.isString() ? a.value() : "";
    Optional<ResourceKind> kind = ResourceKind.byKindName(k.value());
    if (kind.isEmpty()) {
      out.add(Diagnostic.of(DiagnosticCode.TL0103, k.pos(), "kind", "",
          DidYouMean.unsupportedKind(k.value(), api), q(k.value())));
      return Optional.empty();
    }
    ResourceKind rk = kind.get();
    if (SchemaChecker.isNull(apiNode)) {
      out.add(Diagnostic.of(DiagnosticCode.TL0102, map.pos(), "apiVersion", "",
          "add apiVersion: " + rk.apiVersions().get(0), q("apiVersion")));
      return Optional.empty();
    }
    if (!(apiNode instanceof YamlScalar a) || !a.isString()) {
      out.add(Diagnostic.of(DiagnosticCode.TL1002, apiNode.pos(), "apiVersion", "",
          "write apiVersion: " + rk.apiVersions().get(0), q("apiVersion"), "a string",
          SchemaChecker.found(apiNode)));
      return Optional.empty();
    }
    if (!rk.apiVersions().contains(a.value())) {
      out.add(Diagnostic.of(DiagnosticCode.TL0104, a.pos(), "apiVersion", "",
          apiVersionHint(rk, a.value()), q(a.value()), rk.kindName()));
      return Optional.empty();
    }
    return kind;
  }

  private static String apiVersionHint(ResourceKind kind, String written) {
    String served = kind.kindName() + " is served at " + String.join(", ", kind.apiVersions());
    if (written.startsWith("gateway.networking.k8s.io")) {
      return written + " is the Kubernetes Gateway API, which trafficlab does not support; an "
          + "Istio Gateway is apiVersion: networking.istio.io/v1 with selector and servers. "
          + served;
    }
    if (kind.isIstio()) {
      return served + " (the three schemas are identical); write apiVersion: "
          + kind.apiVersions().get(0);
    }
    return served + "; write apiVersion: " + kind.apiVersions().get(0);
  }

  private static void checkMetadata(YamlMap metadata, String ref, List<Diagnostic> out) {
    metadata.scalar("name").filter(YamlScalar::isString).ifPresent(n ->
        Names.dns1123Subdomain(n.value()).ifPresent(why -> out.add(Diagnostic.of(
            DiagnosticCode.TL0105, n.pos(), "metadata.name", ref,
            "use lowercase letters, digits, '-' and '.', e.g. "
                + q(Names.suggestion(n.value(), true)),
            "name", q(n.value()), why))));
    metadata.scalar("namespace").filter(YamlScalar::isString).ifPresent(n ->
        Names.dns1123Label(n.value()).ifPresent(why -> out.add(Diagnostic.of(
            DiagnosticCode.TL0105, n.pos(), "metadata.namespace", ref,
            "use lowercase letters, digits and '-', e.g. " + q(Names.suggestion(n.value(), false)),
            "namespace", q(n.value()), why))));
    metadata.map("labels").ifPresent(labels -> checkKeys(labels, "labels", ref, out,
        Names::labelValue));
    metadata.map("annotations").ifPresent(ann -> checkKeys(ann, "annotations", ref, out, null));
  }

  private static void checkKeys(YamlMap map, String what, String ref, List<Diagnostic> out,
      Function<String, Optional<String>> valueRule) {
    for (YamlMap.Entry e : map.entries()) {
      Names.qualifiedName(e.name()).ifPresent(why -> out.add(Diagnostic.of(DiagnosticCode.TL0105,
          e.key().pos(), e.key().path(), ref,
          "keys are [prefix/]name with letters, digits, '-', '_' and '.'",
          what + " key", q(e.name()), why)));
      if (valueRule != null && e.value() instanceof YamlScalar v && v.isString()) {
        valueRule.apply(v.value()).ifPresent(why -> out.add(Diagnostic.of(DiagnosticCode.TL0105,
            v.pos(), e.key().path(), ref,
            "label values are at most 63 letters, digits, '-', '_' or '.'",
            what + " value", q(v.value()), why)));
      }
    }
  }

  private static Optional<String> stringAt(YamlMap map, String outer, String inner) {
    return map.map(outer).flatMap(m -> m.scalar(inner)).filter(YamlScalar::isString)
        .map(YamlScalar::value);
  }

  /**
   * Two objects of the same kind, namespace and name: the second is an error (it would replace the
   * first on {@code kubectl apply}). Returns the set a cluster would hold, the last of each name at
   * the place of the first, so cross-resource analysis sees each object once.
   */
  public ConfigSet checkDuplicates(ConfigSet config, List<Diagnostic> out) {
    Map<String, Integer> seen = new HashMap<>();
    List<Resource> kept = new ArrayList<>();
    List<Resource> firsts = new ArrayList<>();
    for (Resource r : config.resources()) {
      Integer firstAt = seen.putIfAbsent(r.ref(), kept.size());
      if (firstAt == null) {
        kept.add(r);
        firsts.add(r);
        continue;
      }
      kept.set(firstAt, r);
      Resource first = firsts.get(firstAt);
      YamlNode at = r.root().map("metadata").flatMap(m -> m.scalar("name"))
          .map(YamlNode.class::cast).orElse(r.root().get("metadata"));
      out.add(Diagnostic.of(DiagnosticCode.TL0106, at.pos(), "metadata.name",
          r.ref(), "give each object its own name, or remove the older one",
          r.kind().kindName(), q(r.namespace() + "/" + r.name()), first.pos().line()));
    }
    return kept.size() == config.resources().size() ? config : new ConfigSet(kept);
  }
}
