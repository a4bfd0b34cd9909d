package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.util.Map;
import java.util.TreeMap;

/** Order-independent texts the analyzer compares and prints: label selectors and YAML subtrees. */
final class Canonical {
  private Canonical() {}

  /** Labels the way Kubernetes prints a selector: {@code app=reviews,version=v1}, keys sorted. */
  static String selector(Map<String, String> labels) {
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
  static String of(YamlNode node, boolean dropName) {
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
