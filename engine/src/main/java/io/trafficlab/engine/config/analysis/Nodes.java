package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Null-safe, type-tolerant reads of YAML trees: a wrong shape reads as absent, never throws. */
final class Nodes {
  private Nodes() {}

  /** The mapping items of the sequence under {@code key}; non-mapping items are skipped. */
  static List<YamlMap> maps(YamlMap parent, String key) {
    List<YamlMap> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (YamlNode n : parent.seq(key).map(YamlSeq::items).orElse(List.of())) {
      if (n instanceof YamlMap m) {
        out.add(m);
      }
    }
    return out;
  }

  /** A mapping item of a sequence with its index in the sequence as written. */
  record Indexed(int index, YamlMap node) {}

  /** Like {@link #maps} but keeps each item's original index (non-mapping items are skipped). */
  static List<Indexed> indexed(YamlMap parent, String key) {
    List<Indexed> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    List<YamlNode> items = parent.seq(key).map(YamlSeq::items).orElse(List.of());
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof YamlMap m) {
        out.add(new Indexed(i, m));
      }
    }
    return out;
  }

  /** The non-null scalar items of the sequence under {@code key}. */
  static List<YamlScalar> scalars(YamlMap parent, String key) {
    List<YamlScalar> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (YamlNode n : parent.seq(key).map(YamlSeq::items).orElse(List.of())) {
      if (n instanceof YamlScalar s && !s.isNull()) {
        out.add(s);
      }
    }
    return out;
  }

  static Optional<YamlMap> map(YamlMap parent, String key) {
    return parent == null ? Optional.empty() : parent.map(key);
  }

  static Optional<YamlScalar> scalar(YamlMap parent, String key) {
    return parent == null ? Optional.empty() : parent.scalar(key);
  }

  /** The text of a non-empty scalar under {@code key}. */
  static Optional<String> text(YamlMap parent, String key) {
    return scalar(parent, key).map(YamlScalar::value).filter(s -> !s.isEmpty());
  }

  static Optional<Long> integer(YamlMap parent, String key) {
    return scalar(parent, key).flatMap(YamlScalar::asLong);
  }

  /** A string-to-string label map (values of any scalar type are read as written). */
  static Map<String, String> labels(YamlMap parent, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    map(parent, key).ifPresent(m -> {
      for (YamlMap.Entry e : m.entries()) {
        if (e.value() instanceof YamlScalar s && !s.isNull()) {
          out.put(e.name(), s.value());
        }
      }
    });
    return out;
  }

  /** Labels the way Kubernetes prints a selector: {@code app=reviews,version=v1}, keys sorted. */
  static String selectorString(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(labels).forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(k).append('=').append(v);
    });
    return sb.toString();
  }

  /**
   * A canonical text of a subtree: map keys sorted, {@code name} keys at the top level dropped
   * (Istio compares matches without their names). Equal text means equal YAML meaning.
   */
  static String canonical(YamlNode node, boolean dropName) {
    StringBuilder sb = new StringBuilder();
    canonical(node, dropName, sb, 0);
    return sb.toString();
  }

  private static void canonical(YamlNode node, boolean dropName, StringBuilder sb, int depth) {
    if (depth > 64) {
      return;
    }
    if (node instanceof YamlMap m) {
      TreeMap<String, YamlNode> sorted = new TreeMap<>();
      for (YamlMap.Entry e : m.entries()) {
        if (!(dropName && e.name().equals("name"))) {
          sorted.put(e.name(), e.value());
        }
      }
      sb.append('{');
      sorted.forEach((k, v) -> {
        sb.append(quote(k)).append(':');
        canonical(v, false, sb, depth + 1);
        sb.append(',');
      });
      sb.append('}');
    } else if (node instanceof YamlSeq s) {
      sb.append('[');
      for (YamlNode item : s.items()) {
        canonical(item, false, sb, depth + 1);
        sb.append(',');
      }
      sb.append(']');
    } else if (node instanceof YamlScalar s) {
      sb.append(s.isNull() ? "null" : quote(s.value()));
    }
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
