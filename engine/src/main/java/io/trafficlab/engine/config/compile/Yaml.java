package io.trafficlab.engine.config.compile;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lenient readers over validated YAML: anything of the wrong shape reads as absent, because the
 * validation layers already reported it and the compiler must never throw on user input.
 */
final class Yaml {
  private Yaml() {}

  static List<YamlMap> maps(YamlMap parent, String key) {
    List<YamlMap> out = new ArrayList<>();
    Optional<YamlSeq> seq = parent == null ? Optional.empty() : parent.seq(key);
    if (seq.isPresent()) {
      for (YamlNode n : seq.get()) {
        if (n instanceof YamlMap m) {
          out.add(m);
        }
      }
    }
    return out;
  }

  static List<String> strings(YamlMap parent, String key) {
    List<String> out = new ArrayList<>();
    Optional<YamlSeq> seq = parent == null ? Optional.empty() : parent.seq(key);
    if (seq.isPresent()) {
      for (YamlNode n : seq.get()) {
        if (n instanceof YamlScalar s && !s.isNull()) {
          out.add(s.value());
        }
      }
    }
    return out;
  }

  /** A mapping of scalars ({@code labels}, {@code set}); non-scalar values are skipped. */
  static Map<String, String> stringMap(YamlMap parent, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<YamlMap> m = parent == null ? Optional.empty() : parent.map(key);
    if (m.isPresent()) {
      for (YamlMap.Entry e : m.get().entries()) {
        if (e.value() instanceof YamlScalar s && !s.isNull()) {
          out.put(e.name(), s.value());
        }
      }
    }
    return out;
  }

  static Optional<YamlMap> map(YamlMap parent, String key) {
    return parent == null ? Optional.empty() : parent.map(key);
  }

  static Optional<String> string(YamlMap parent, String key) {
    return parent == null ? Optional.empty() : parent.string(key);
  }

  static Optional<Long> integer(YamlMap parent, String key) {
    return parent == null ? Optional.empty()
        : parent.scalar(key).flatMap(s -> s.asLong().or(() -> quotedLong(s)));
  }

  static Optional<Double> number(YamlMap parent, String key) {
    return parent == null ? Optional.empty() : parent.scalar(key).flatMap(YamlScalar::asDouble);
  }

  static boolean flag(YamlMap parent, String key) {
    return parent != null && parent.scalar(key).flatMap(YamlScalar::asBoolean).orElse(false);
  }

  private static Optional<Long> quotedLong(YamlScalar s) {
    try {
      return Optional.of(Long.parseLong(s.value().trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
