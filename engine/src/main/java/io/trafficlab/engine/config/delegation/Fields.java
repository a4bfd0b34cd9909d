package io.trafficlab.engine.config.delegation;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.util.List;
import java.util.Optional;

/**
 * Proto "is this field set" reads for the merge. A field may be written with its JSON (camelCase)
 * or proto (snake_case) name; a null value is unset, as a nil pointer is in Go; an empty list is
 * unset, as an empty repeated field is.
 */
final class Fields {
  private Fields() {}

  /** The entry of a set field under its JSON or proto name, or empty. */
  static Optional<YamlMap.Entry> entry(YamlMap m, String jsonName) {
    if (m == null) {
      return Optional.empty();
    }
    Optional<YamlMap.Entry> e = m.entry(jsonName);
    if (e.isEmpty() || !set(e.get().value())) {
      e = m.entry(snake(jsonName));
    }
    return e.filter(x -> set(x.value()));
  }

  /** The value of a set field, or null. */
  static YamlNode get(YamlMap m, String jsonName) {
    return entry(m, jsonName).map(YamlMap.Entry::value).orElse(null);
  }

  static boolean isSet(YamlMap m, String jsonName) {
    return entry(m, jsonName).isPresent();
  }

  /** The mapping under a set field, or empty. */
  static Optional<YamlMap> map(YamlMap m, String jsonName) {
    return get(m, jsonName) instanceof YamlMap v ? Optional.of(v) : Optional.empty();
  }

  /** The text of a scalar field; "" when unset (Go's zero value). */
  static String text(YamlMap m, String jsonName) {
    return get(m, jsonName) instanceof YamlScalar s ? s.value() : "";
  }

  /** The scalar items of a list field, as written. */
  static List<String> strings(YamlMap m, String jsonName) {
    if (!(get(m, jsonName) instanceof YamlSeq seq)) {
      return List.of();
    }
    return seq.items().stream()
        .filter(n -> n instanceof YamlScalar s && !s.isNull())
        .map(n -> ((YamlScalar) n).value())
        .toList();
  }

  /** A uint32 field such as {@code port}; 0 when unset or not a number, as in Go. */
  static long uint(YamlMap m, String jsonName) {
    if (!(get(m, jsonName) instanceof YamlScalar s)) {
      return 0;
    }
    Optional<Long> v = s.asLong();
    if (v.isEmpty() && s.value().trim().matches("[0-9]{1,9}")) {
      v = Optional.of(Long.parseLong(s.value().trim())); // proto JSON accepts "80" too
    }
    return v.filter(x -> x > 0).orElse(0L);
  }

  /** A bool field; false when unset. */
  static boolean bool(YamlMap m, String jsonName) {
    return get(m, jsonName) instanceof YamlScalar s && s.asBoolean().orElse(false);
  }

  /** The entry renamed to its JSON name, so a merged node reads the same whichever was written. */
  static YamlMap.Entry renamed(YamlMap.Entry e, String jsonName) {
    if (e.name().equals(jsonName)) {
      return e;
    }
    YamlScalar k = e.key();
    return new YamlMap.Entry(new YamlScalar(jsonName, true, k.pos(), k.path()), e.value());
  }

  private static boolean set(YamlNode n) {
    if (n == null || (n instanceof YamlScalar s && s.isNull())) {
      return false;
    }
    return !(n instanceof YamlSeq seq && seq.isEmpty());
  }

  /** ignoreUriCase -> ignore_uri_case. */
  static String snake(String camel) {
    StringBuilder b = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('_').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
