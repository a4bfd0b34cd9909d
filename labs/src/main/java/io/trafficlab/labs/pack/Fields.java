package io.trafficlab.labs.pack;

import io.trafficlab.engine.config.diag.EditDistance;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Typed reads from pack YAML that report every mistake instead of throwing. */
final class Fields {
  private final YamlMap map;
  private final String what;
  private final PackProblems problems;

  Fields(YamlMap map, String what, PackProblems problems) {
    this.map = map;
    this.what = what;
    this.problems = problems;
  }

  /** Reports keys not in {@code allowed}, with a suggestion for near misses. */
  Fields allow(Set<String> allowed) {
    for (YamlMap.Entry e : map.entries()) {
      if (!allowed.contains(e.name())) {
        String near = allowed.stream()
            .filter(a -> EditDistance.levenshtein(a.toLowerCase(Locale.ROOT),
                e.name().toLowerCase(Locale.ROOT)) <= 2)
            .findFirst().orElse("");
        problems.add(e.key().pos(), "unknown field \"" + e.name() + "\" in " + what,
            near.isEmpty() ? "allowed fields: " + String.join(", ", allowed.stream().sorted().toList())
                : "did you mean \"" + near + "\"?");
      }
    }
    return this;
  }

  Optional<String> optString(String key) {
    YamlNode n = map.get(key);
    if (n == null || (n instanceof YamlScalar s && s.isNull())) {
      return Optional.empty();
    }
    if (n instanceof YamlScalar s) {
      return Optional.of(s.value());
    }
    problems.add(n.pos(), what + "." + key + " must be a string, found a " + n.kindName(), "");
    return Optional.empty();
  }

  String string(String key) {
    Optional<String> v = optString(key);
    if (v.isEmpty() && !map.has(key)) {
      problems.add(map.pos(), "missing required field \"" + key + "\" in " + what, "add " + key + ": ...");
    }
    return v.orElse("");
  }

  Optional<Integer> optInt(String key, int min, int max) {
    YamlNode n = map.get(key);
    if (n == null) {
      return Optional.empty();
    }
    if (n instanceof YamlScalar s && s.asLong().isPresent()) {
      long v = s.asLong().get();
      if (v < min || v > max) {
        problems.add(n.pos(), what + "." + key + " must be between " + min + " and " + max + ", found " + v, "");
        return Optional.empty();
      }
      return Optional.of((int) v);
    }
    problems.add(n.pos(), what + "." + key + " must be an integer, found a " + n.kindName(), "");
    return Optional.empty();
  }

  int integer(String key, int min, int max, int dflt) {
    return optInt(key, min, max).orElse(dflt);
  }

  List<String> strings(String key) {
    YamlNode n = map.get(key);
    List<String> out = new ArrayList<>();
    if (n == null || (n instanceof YamlScalar s && s.isNull())) {
      return out;
    }
    if (!(n instanceof YamlSeq seq)) {
      problems.add(n.pos(), what + "." + key + " must be a list of strings", "write it as a YAML list: - item");
      return out;
    }
    for (YamlNode item : seq) {
      if (item instanceof YamlScalar s && !s.isNull()) {
        out.add(s.value());
      } else {
        problems.add(item.pos(), what + "." + key + " items must be strings, found a " + item.kindName(), "");
      }
    }
    return out;
  }

  List<YamlMap> maps(String key) {
    YamlNode n = map.get(key);
    List<YamlMap> out = new ArrayList<>();
    if (n == null || (n instanceof YamlScalar s && s.isNull())) {
      return out;
    }
    if (!(n instanceof YamlSeq seq)) {
      problems.add(n.pos(), what + "." + key + " must be a list", "");
      return out;
    }
    for (YamlNode item : seq) {
      if (item instanceof YamlMap m) {
        out.add(m);
      } else {
        problems.add(item.pos(), what + "." + key + " items must be mappings, found a " + item.kindName(), "");
      }
    }
    return out;
  }

  Optional<YamlMap> optMap(String key) {
    YamlNode n = map.get(key);
    if (n == null || (n instanceof YamlScalar s && s.isNull())) {
      return Optional.empty();
    }
    if (n instanceof YamlMap m) {
      return Optional.of(m);
    }
    problems.add(n.pos(), what + "." + key + " must be a mapping, found a " + n.kindName(), "");
    return Optional.empty();
  }

  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    optMap(key).ifPresent(m -> {
      for (YamlMap.Entry e : m.entries()) {
        if (e.value() instanceof YamlScalar s && !s.isNull()) {
          out.put(e.name(), s.value());
        } else {
          problems.add(e.value().pos(), what + "." + key + "." + e.name() + " must be a string", "");
        }
      }
    });
    return out;
  }
}
