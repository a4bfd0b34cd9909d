package io.trafficlab.engine.config.webhook;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Defensive readers over the positioned YAML tree. A value of an unexpected shape reads as absent:
 * the schema layer reports type errors, this layer must never throw on them.
 */
final class Nodes {
  private Nodes() {}

  /** True when {@code key} is present with a non-null value (proto "field is set"). */
  static boolean has(YamlMap m, String key) {
    YamlNode n = m.get(key);
    return n != null && !(n instanceof YamlScalar s && s.isNull());
  }

  /** The node under {@code key} if it is set, else null. */
  static YamlNode node(YamlMap m, String key) {
    return has(m, key) ? m.get(key) : null;
  }

  static Optional<YamlMap> map(YamlMap m, String key) {
    return m.map(key);
  }

  /** The list under {@code key}; an absent, null or non-list value reads as empty. */
  static List<YamlNode> list(YamlMap m, String key) {
    return m.seq(key).map(YamlSeq::items).orElse(List.of());
  }

  /** The mappings of the list under {@code key}, skipping items of another shape. */
  static List<YamlMap> maps(YamlMap m, String key) {
    List<YamlMap> out = new ArrayList<>();
    for (YamlNode n : list(m, key)) {
      if (n instanceof YamlMap mm) {
        out.add(mm);
      }
    }
    return out;
  }

  /** The scalar under {@code key} (non-null). */
  static Optional<YamlScalar> scalar(YamlMap m, String key) {
    return m.scalar(key);
  }

  /** The text of a non-null scalar under {@code key}; the empty string when absent. */
  static String str(YamlMap m, String key) {
    return m.string(key).orElse("");
  }

  static Optional<Long> integer(YamlMap m, String key) {
    return m.scalar(key).flatMap(YamlScalar::asLong);
  }

  static Optional<Double> number(YamlMap m, String key) {
    return m.scalar(key).flatMap(YamlScalar::asDouble);
  }

  /** True only for a plain {@code true}. */
  static boolean isTrue(YamlMap m, String key) {
    return m.scalar(key).flatMap(YamlScalar::asBoolean).orElse(false);
  }

  /** The string items of a list of scalars under {@code key}. */
  static List<YamlScalar> scalars(YamlMap m, String key) {
    List<YamlScalar> out = new ArrayList<>();
    for (YamlNode n : list(m, key)) {
      if (n instanceof YamlScalar s && !s.isNull()) {
        out.add(s);
      }
    }
    return out;
  }

  /** The value of a {@code google.protobuf.*Value} wrapper: either {@code 5} or {@code {value: 5}}. */
  static Optional<Double> wrapped(YamlMap m, String key) {
    YamlNode n = m.get(key);
    if (n instanceof YamlScalar s) {
      return s.asDouble();
    }
    if (n instanceof YamlMap w) {
      return number(w, "value");
    }
    return Optional.empty();
  }
}
