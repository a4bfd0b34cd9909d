package io.trafficlab.engine.cases;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of case-file fields that report, instead of throwing: each getter returns null (or an
 * empty collection) after adding a positioned TL4xxx diagnostic when the value has the wrong type
 * or is out of range.
 */
final class Fields {
  final List<Diagnostic> out = new ArrayList<>();

  void error(DiagnosticCode code, YamlNode at, String hint, Object... args) {
    out.add(Diagnostic.of(code, at.pos(), at.path(), "", hint, args));
  }

  void error(DiagnosticCode code, SourcePos pos, String path, String hint, Object... args) {
    out.add(Diagnostic.of(code, pos, path, "", hint, args));
  }

  /** Reports every key of {@code m} that is not in {@code allowed}, with a suggestion. */
  void known(YamlMap m, String where, List<String> allowed) {
    for (YamlMap.Entry e : m.entries()) {
      if (!allowed.contains(e.name())) {
        String dym = Suggest.didYouMean(e.name(), allowed);
        String hint = (dym.isEmpty() ? "" : dym + " ") + "known keys: " + String.join(", ", allowed);
        error(DiagnosticCode.TL4002, e.key(), hint, q(e.name()), where);
      }
    }
  }

  /** The node under key, or null when absent or explicitly null. */
  static YamlNode get(YamlMap m, String key) {
    YamlNode n = m.get(key);
    return n instanceof YamlScalar s && s.isNull() ? null : n;
  }

  YamlMap map(YamlMap m, String key) {
    YamlNode n = get(m, key);
    if (n == null) {
      return null;
    }
    if (n instanceof YamlMap mm) {
      return mm;
    }
    typeError(n, "a mapping");
    return null;
  }

  YamlSeq seq(YamlMap m, String key) {
    YamlNode n = get(m, key);
    if (n == null) {
      return null;
    }
    if (n instanceof YamlSeq s) {
      return s;
    }
    typeError(n, "a list");
    return null;
  }

  void typeError(YamlNode n, String expected) {
    error(DiagnosticCode.TL4003, n, "", name(n), expected, found(n));
  }

  /** The last segment of a node's path ({@code repeat} for {@code requests[2].repeat}). */
  static String name(YamlNode n) {
    String p = n.path();
    String last = p.substring(p.lastIndexOf('.') + 1);
    return last.isEmpty() ? "the case file" : last;
  }

  static String found(YamlNode n) {
    if (n instanceof YamlScalar s) {
      return "the " + s.kindName() + " " + q(s.value());
    }
    return "a " + n.kindName();
  }

  /** A string value; numbers and booleans are taken as the text written (headers, labels). */
  String text(YamlNode n) {
    if (n instanceof YamlScalar s && !s.isNull()) {
      return s.value();
    }
    typeError(n, "a string");
    return null;
  }

  /** A string; numbers and booleans are not accepted (a host, a path). */
  String string(YamlMap m, String key) {
    YamlNode n = get(m, key);
    if (n == null) {
      return null;
    }
    if (n instanceof YamlScalar s && s.isString()) {
      return s.value();
    }
    if (n instanceof YamlScalar s && !s.plain()) {
      return s.value();
    }
    typeError(n, "a string");
    return null;
  }

  /** Like {@link #string} but numbers and booleans are taken as written (label values, versions). */
  String loose(YamlMap m, String key) {
    YamlNode n = get(m, key);
    return n == null ? null : text(n);
  }

  Integer integer(YamlMap m, String key, long min, long max) {
    YamlNode n = get(m, key);
    return n == null ? null : integer(n, min, max);
  }

  Integer integer(YamlNode n, long min, long max) {
    if (n instanceof YamlScalar s && s.asLong().isPresent()) {
      long v = s.asLong().get();
      if (v < min || v > max) {
        error(DiagnosticCode.TL4006, n, rangeHint(min, max), name(n), v, rangeText(min, max));
        return null;
      }
      return (int) v;
    }
    if (n instanceof YamlScalar s && s.isHugeInteger()) {
      error(DiagnosticCode.TL4006, n, rangeHint(min, max), name(n), s.value(), rangeText(min, max));
      return null;
    }
    typeError(n, "an integer");
    return null;
  }

  Double number(YamlMap m, String key, double min, double max) {
    YamlNode n = get(m, key);
    if (n == null) {
      return null;
    }
    if (n instanceof YamlScalar s && s.asDouble().isPresent() && !s.asDouble().get().isNaN()) {
      double v = s.asDouble().get();
      if (v < min || v > max) {
        error(DiagnosticCode.TL4006, n, "use a value from " + fmt(min) + " to " + fmt(max),
            name(n), s.value(), "expected " + fmt(min) + " to " + fmt(max));
        return null;
      }
      return v;
    }
    typeError(n, "a number");
    return null;
  }

  Boolean bool(YamlMap m, String key) {
    YamlNode n = get(m, key);
    if (n == null) {
      return null;
    }
    if (n instanceof YamlScalar s && s.asBoolean().isPresent()) {
      return s.asBoolean().get();
    }
    typeError(n, "true or false");
    return null;
  }

  /** A mapping of strings to strings (labels, headers); keys optionally lower-cased. */
  Map<String, String> stringMap(YamlMap m, String key, boolean lowerKeys) {
    YamlMap mm = map(m, key);
    Map<String, String> result = new LinkedHashMap<>();
    if (mm == null) {
      return result;
    }
    if (mm.size() > CaseLimits.MAX_HEADERS) {
      error(DiagnosticCode.TL4006, mm, "", mm.path(), mm.size() + " entries",
          "at most " + CaseLimits.MAX_HEADERS);
      return result;
    }
    for (YamlMap.Entry e : mm.entries()) {
      String v = text(e.value());
      if (v != null) {
        result.put(lowerKeys ? e.name().toLowerCase(java.util.Locale.ROOT) : e.name(), v);
      }
    }
    return result;
  }

  /** A list of strings; a single string is taken as a list of one. */
  List<String> stringList(YamlMap m, String key) {
    YamlNode n = get(m, key);
    List<String> result = new ArrayList<>();
    if (n == null) {
      return result;
    }
    if (n instanceof YamlScalar) {
      String v = text(n);
      if (v != null) {
        result.add(v);
      }
      return result;
    }
    if (!(n instanceof YamlSeq s)) {
      typeError(n, "a list of strings");
      return result;
    }
    for (YamlNode item : s) {
      String v = text(item);
      if (v != null) {
        result.add(v);
      }
    }
    return result;
  }

  private static String rangeText(long min, long max) {
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return "expected at least " + min;
    }
    return "expected " + min + " to " + max;
  }

  private static String rangeHint(long min, long max) {
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return "use a value of at least " + min;
    }
    return "use a value from " + min + " to " + max;
  }

  static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
