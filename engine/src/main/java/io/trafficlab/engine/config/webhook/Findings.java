package io.trafficlab.engine.config.webhook;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import java.util.List;

/**
 * Where the checks of one resource write their diagnostics. Every finding points at a node: the
 * offending value, or, for something missing or misplaced, the key that holds it (or the mapping
 * that should have held it).
 */
final class Findings {
  private final Resource resource;
  private final List<Diagnostic> out;

  Findings(Resource resource, List<Diagnostic> out) {
    this.resource = resource;
    this.out = out;
  }

  Resource resource() {
    return resource;
  }

  /** A finding about the value {@code at}. */
  void at(YamlNode at, DiagnosticCode code, String hint, Object... args) {
    add(code, at.pos(), at.path(), hint, args);
  }

  /**
   * A finding about the field {@code key} of {@code parent}: points at the key when it is written,
   * otherwise at the parent mapping (the place where the field is missing).
   */
  void key(YamlMap parent, String key, DiagnosticCode code, String hint, Object... args) {
    SourcePos pos = parent.entry(key).map(e -> e.key().pos()).orElse(parent.pos());
    add(code, pos, YamlNode.child(parent.path(), key), hint, args);
  }

  /** A finding about the field {@code key}: its value when set, else where it is missing. */
  void value(YamlMap parent, String key, DiagnosticCode code, String hint, Object... args) {
    YamlNode n = YamlReads.node(parent, key);
    if (n != null) {
      at(n, code, hint, args);
    } else {
      key(parent, key, code, hint, args);
    }
  }

  /** A finding at an explicit position inside a node (e.g. one entry of a comma-separated list). */
  void atPos(SourcePos pos, String path, DiagnosticCode code, String hint, Object... args) {
    add(code, pos, path, hint, args);
  }

  private void add(DiagnosticCode code, SourcePos pos, String path, String hint, Object... args) {
    out.add(Diagnostic.of(code, pos, path, resource.ref(), hint, args));
  }
}
