package io.trafficlab.engine.config.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Null-safe, shape-tolerant reads of a positioned YAML tree, shared by the webhook, analysis and
 * compile stages. A value of an unexpected shape reads as absent (the schema layer reports it), a
 * null parent reads as an empty mapping, and nothing here throws on user input.
 */
public final class YamlReads {
  private YamlReads() {}

  /** A mapping item of a sequence with its index in the sequence as written. */
  public record Indexed(int index, YamlMap node) {}

  /** True when {@code key} is present with a non-null value (proto "field is set"). */
  public static boolean has(YamlMap m, String key) {
    YamlNode n = m == null ? null : m.get(key);
    return n != null && !(n instanceof YamlScalar s && s.isNull());
  }

  /** The node under {@code key} if it is set, else null. */
  public static YamlNode node(YamlMap m, String key) {
    return has(m, key) ? m.get(key) : null;
  }

  public static Optional<YamlMap> map(YamlMap m, String key) {
    return m == null ? Optional.empty() : m.map(key);
  }

  /** The non-null scalar under {@code key}. */
  public static Optional<YamlScalar> scalar(YamlMap m, String key) {
    return m == null ? Optional.empty() : m.scalar(key);
  }

  /** The items of the list under {@code key}; an absent, null or non-list value reads as empty. */
  public static List<YamlNode> list(YamlMap m, String key) {
    return m == null ? List.of() : m.seq(key).map(YamlSeq::items).orElse(List.of());
  }

  /** The mapping items of the list under {@code key}, skipping items of another shape. */
  public static List<YamlMap> maps(YamlMap m, String key) {
    List<YamlMap> out = new ArrayList<>();
    for (YamlNode n : list(m, key)) {
      if (n instanceof YamlMap mm) {
        out.add(mm);
      }
    }
    return out;
  }

  /** Like {@link #maps} but keeps each item's index as written (non-mapping items are skipped). */
  public static List<Indexed> indexed(YamlMap m, String key) {
    List<Indexed> out = new ArrayList<>();
    List<YamlNode> items = list(m, key);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof YamlMap mm) {
        out.add(new Indexed(i, mm));
      }
    }
    return out;
  }

  /** The non-null scalar items of the list under {@code key}. */
  public static List<YamlScalar> scalars(YamlMap m, String key) {
    List<YamlScalar> out = new ArrayList<>();
    for (YamlNode n : list(m, key)) {
      if (n instanceof YamlScalar s && !s.isNull()) {
        out.add(s);
      }
    }
    return out;
  }

  /** The texts of the non-null scalar items of the list under {@code key}. */
  public static List<String> strings(YamlMap m, String key) {
    return scalars(m, key).stream().map(YamlScalar::value).toList();
  }

  /** The text of the non-null scalar under {@code key}. */
  public static Optional<String> string(YamlMap m, String key) {
    return scalar(m, key).map(YamlScalar::value);
  }

  /** The text of the non-null scalar under {@code key}; the empty string when absent. */
  public static String str(YamlMap m, String key) {
    return string(m, key).orElse("");
  }

  /** The text of a non-empty scalar under {@code key}. */
  public static Optional<String> text(YamlMap m, String key) {
    return string(m, key).filter(s -> !s.isEmpty());
  }

  /** An integer written as an integer. */
  public static Optional<Long> integer(YamlMap m, String key) {
    return scalar(m, key).flatMap(YamlScalar::asLong);
  }

  /** An integer, also when written quoted ({@code "80"}). */
  public static Optional<Long> lenientInteger(YamlMap m, String key) {
    return scalar(m, key).flatMap(s -> s.asLong().or(() -> quotedLong(s)));
  }

  public static Optional<Double> number(YamlMap m, String key) {
    return scalar(m, key).flatMap(YamlScalar::asDouble);
  }

  /** True only for a plain boolean {@code true}. */
  public static boolean isTrue(YamlMap m, String key) {
    return scalar(m, key).flatMap(YamlScalar::asBoolean).orElse(false);
  }

  /** The value of a {@code google.protobuf.*Value} wrapper: either {@code 5} or {@code {value: 5}}. */
  public static Optional<Double> wrapped(YamlMap m, String key) {
    YamlNode n = m == null ? null : m.get(key);
    if (n instanceof YamlScalar s) {
      return s.asDouble();
    }
    if (n instanceof YamlMap w) {
      return number(w, "value");
    }
    return Optional.empty();
  }

  /**
   * A mapping of scalars ({@code labels}, {@code set}) in written order, values read as written;
   * null and non-scalar values are skipped.
   */
  public static Map<String, String> stringMap(YamlMap m, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    map(m, key).ifPresent(mm -> {
      for (YamlMap.Entry e : mm.entries()) {
        if (e.value() instanceof YamlScalar s && !s.isNull()) {
          out.put(e.name(), s.value());
        }
      }
    });
    return out;
  }

  private static Optional<Long> quotedLong(YamlScalar s) {
    try {
      return Optional.of(Long.parseLong(s.value().trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
