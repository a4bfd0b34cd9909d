package io.trafficlab.engine.config.schema;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.schema.Type.EnumOf;
import io.trafficlab.engine.config.schema.Type.Field;
import io.trafficlab.engine.config.schema.Type.Kind;
import io.trafficlab.engine.config.schema.Type.ListOf;
import io.trafficlab.engine.config.schema.Type.MapOf;
import io.trafficlab.engine.config.schema.Type.Obj;
import io.trafficlab.engine.config.schema.Type.Scalar;
import io.trafficlab.engine.config.value.GoDuration;
import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a YAML tree against a {@link Type}: unknown fields (at the key's position), types, integer
 * ranges, enums, oneOf groups, durations and the CRD's 1 ms rule, required fields. It reports every
 * error it finds, up to {@link #MAX_ERRORS} per document. A {@code null} value counts as absent, as
 * in Kubernetes and jsonpb. Fields may be written with their proto (snake_case) names.
 */
final class SchemaChecker {

  static final int MAX_ERRORS = 50;

  private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");
  private static final Duration ONE_MS = Duration.ofMillis(1);

  /** An object being checked, innermost last; used for "belongs to the enclosing ..." hints. */
  record Frame(Obj type, YamlMap map) {}

  private final String resource;
  private final List<Diagnostic> out;
  private final List<Frame> stack = new ArrayList<>();
  private int errors;
  private boolean truncated;

  SchemaChecker(String resource, List<Diagnostic> out) {
    this.resource = resource;
    this.out = out;
  }

  /** Checks a whole document against its envelope type. */
  void checkDocument(YamlMap root, Obj documentType) {
    checkObject(root, documentType);
    if (truncated) {
      out.add(Diagnostic.of(DiagnosticCode.TL1012, root.pos(), "", resource,
          "fix the errors above and validate again", MAX_ERRORS));
    }
  }

  int errors() {
    return errors;
  }

  private void report(DiagnosticCode code, SourcePos pos, String path, String hint, Object... args) {
    if (errors >= MAX_ERRORS) {
      truncated = true;
      return;
    }
    errors++;
    out.add(Diagnostic.of(code, pos, path, resource, hint, args));
  }

  // ---- objects ----

  private void checkObject(YamlMap map, Obj type) {
    stack.add(new Frame(type, map));
    Map<String, YamlMap.Entry> byField = new LinkedHashMap<>();
    for (YamlMap.Entry e : map.entries()) {
      String key = e.name();
      Field f = type.field(key);
      if (f == null && key.indexOf('_') >= 0) {
        f = type.field(Similar.snakeToCamel(key));
      }
      if (f == null) {
        if (errors >= MAX_ERRORS) {
          // past the cap: skip the (comparatively costly) hint search
          truncated |= !type.open();
        } else if (!type.open()) {
          report(DiagnosticCode.TL1001, e.key().pos(), e.key().path(),
              DidYouMean.unknownField(type, key, e.value(), map, List.copyOf(stack)),
              q(key), type.name());
        }
        continue;
      }
      YamlMap.Entry first = byField.putIfAbsent(f.name(), e);
      if (first != null) {
        report(DiagnosticCode.TL1011, e.key().pos(), e.key().path(),
            "keep one of them; " + q(key) + " and " + q(first.name()) + " are the same field",
            q(f.name()), q(first.name()), q(key));
        continue;
      }
      check(e.value(), f.type(), type, f.name());
    }
    for (Field f : type.fields()) {
      YamlMap.Entry e = byField.get(f.name());
      if (f.required() && (e == null || isNull(e.value()))) {
        report(DiagnosticCode.TL1009, e == null ? map.pos() : e.key().pos(),
            YamlNode.child(map.path(), f.name()), DidYouMean.missingField(type, f),
            q(f.name()), type.name());
      }
    }
    for (List<String> group : type.atMostOne()) {
      List<YamlMap.Entry> set = new ArrayList<>();
      for (String name : group) {
        YamlMap.Entry e = byField.get(name);
        if (e != null && !isNull(e.value())) {
          set.add(e);
        }
      }
      if (set.size() > 1) {
        List<String> names = set.stream().map(YamlMap.Entry::name).toList();
        YamlMap.Entry second = set.get(1);
        report(DiagnosticCode.TL1004, second.key().pos(), second.key().path(),
            DidYouMean.oneOf(type, group), String.join(", ", group), String.join(" and ", names));
      }
    }
    stack.remove(stack.size() - 1);
  }

  // ---- any value ----

  private void check(YamlNode node, Type type, Obj parent, String label) {
    if (isNull(node) || type instanceof Type.AnyValue) {
      return;
    }
    if (type instanceof Obj o) {
      if (node instanceof YamlMap m) {
        checkObject(m, o);
      } else {
        wrongType(node, type, parent, label);
      }
    } else if (type instanceof ListOf l) {
      checkList(node, l, parent, label);
    } else if (type instanceof MapOf mt) {
      checkMap(node, mt, parent, label);
    } else if (type instanceof EnumOf e) {
      checkEnum(node, e, parent, label);
    } else if (type instanceof Scalar s) {
      checkScalar(node, s, parent, label);
    }
  }

  private void checkList(YamlNode node, ListOf type, Obj parent, String label) {
    if (!(node instanceof YamlSeq seq)) {
      wrongType(node, type, parent, label);
      return;
    }
    if (seq.size() < type.minItems()) {
      report(DiagnosticCode.TL1010, seq.pos(), seq.path(),
          "give at least " + type.minItems() + " item" + (type.minItems() == 1 ? "" : "s")
              + ", or remove the field", q(label));
    }
    if (type.maxItems() > 0 && seq.size() > type.maxItems()) {
      report(DiagnosticCode.TL1008, seq.pos(), seq.path(), "remove the extra items",
          q(label), seq.size() + " items (at most " + type.maxItems() + ")");
    }
    for (int i = 0; i < seq.size(); i++) {
      YamlNode item = seq.get(i);
      String itemLabel = label + "[" + i + "]";
      if (isNull(item)) {
        report(DiagnosticCode.TL1002, item.pos(), item.path(),
            "remove the empty item (a '-' with nothing after it)",
            q(itemLabel), type.item().describe(), "null");
      } else {
        check(item, type.item(), parent, itemLabel);
      }
    }
  }

  private void checkMap(YamlNode node, MapOf type, Obj parent, String label) {
    if (!(node instanceof YamlMap map)) {
      wrongType(node, type, parent, label);
      return;
    }
    for (YamlMap.Entry e : map.entries()) {
      if (e.name().isEmpty()) {
        report(DiagnosticCode.TL1010, e.key().pos(), e.key().path(), "give the entry a name",
            "a key of " + q(label));
      }
      if (isNull(e.value())) {
        report(DiagnosticCode.TL1002, e.key().pos(), e.key().path(),
            DidYouMean.nullMapValue(type, e.name()), q(e.name()), type.value().describe(), "null");
      } else {
        check(e.value(), type.value(), parent, e.name());
      }
    }
  }

  private void checkEnum(YamlNode node, EnumOf type, Obj parent, String label) {
    if (!(node instanceof YamlScalar s) || !s.isString()) {
      wrongType(node, type, parent, label);
      return;
    }
    if (!type.values().contains(s.value())) {
      report(DiagnosticCode.TL1003, s.pos(), s.path(),
          DidYouMean.badEnum(parent, label, type, s.value()),
          q(s.value()), q(label), String.join(", ", type.values()));
    }
  }

  // ---- scalars ----

  private void checkScalar(YamlNode node, Scalar type, Obj parent, String label) {
    if (!(node instanceof YamlScalar s)) {
      wrongType(node, type, parent, label);
      return;
    }
    Kind kind = type.kind();
    switch (kind) {
      case STRING -> {
        if (!s.isString()) {
          wrongType(node, type, parent, label);
        }
      }
      case BOOLEAN -> {
        if (s.asBoolean().isEmpty()) {
          wrongType(node, type, parent, label);
        }
      }
      case INT32, UINT32, INT64, UINT64 -> checkInteger(s, type, parent, label);
      case DOUBLE -> checkDouble(s, type, parent, label);
      case DURATION, DURATION_MIN_1MS -> checkDuration(s, kind, parent, label);
      case BYTES -> {
        if (!s.isString()) {
          wrongType(node, type, parent, label);
        } else if (!isBase64(s.value())) {
          report(DiagnosticCode.TL1002, s.pos(), s.path(),
              "encode the bytes with base64, or use the string form of the field",
              q(label), "base64-encoded bytes", "string " + q(s.value()));
        }
      }
      case INT_OR_STRING -> {
        if (!s.isString() && s.asLong().isEmpty()) {
          wrongType(node, type, parent, label);
        }
      }
      default -> throw new IllegalStateException("unhandled kind " + kind);
    }
  }

  private void checkInteger(YamlScalar s, Scalar type, Obj parent, String label) {
    BigInteger value = integerValue(s);
    if (value == null) {
      wrongType(s, type, parent, label);
      return;
    }
    BigInteger min;
    BigInteger max;
    switch (type.kind()) {
      case INT32 -> {
        min = BigInteger.valueOf(Integer.MIN_VALUE);
        max = BigInteger.valueOf(Integer.MAX_VALUE);
      }
      case UINT32 -> {
        min = BigInteger.ZERO;
        max = BigInteger.valueOf(4294967295L);
      }
      case INT64 -> {
        min = BigInteger.valueOf(Long.MIN_VALUE);
        max = BigInteger.valueOf(Long.MAX_VALUE);
      }
      default -> {
        min = BigInteger.ZERO;
        max = UINT64_MAX;
      }
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      report(DiagnosticCode.TL1008, s.pos(), s.path(),
          min.signum() == 0 && value.signum() < 0
              ? q(label) + " can not be negative"
              : "use a value between " + min + " and " + max,
          q(label), value + " (allowed " + min + " to " + max + ")");
    }
  }

  /** The integer a plain scalar denotes (also 3.0 or 1e3, as JSON integers), else null. */
  private static BigInteger integerValue(YamlScalar s) {
    if (!s.plain()) {
      return null;
    }
    if (s.asLong().isPresent()) {
      return BigInteger.valueOf(s.asLong().get());
    }
    if (s.isHugeInteger()) {
      return new BigInteger(s.value().startsWith("+") ? s.value().substring(1) : s.value());
    }
    if (s.asDouble().isPresent()) {
      double d = s.asDouble().get();
      if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e18) {
        return BigInteger.valueOf((long) d);
      }
    }
    return null;
  }

  private void checkDouble(YamlScalar s, Scalar type, Obj parent, String label) {
    if (s.asDouble().isEmpty()) {
      wrongType(s, type, parent, label);
      return;
    }
    double d = s.asDouble().get();
    if (!Double.isFinite(d)) {
      report(DiagnosticCode.TL1008, s.pos(), s.path(), "use a finite number", q(label), s.value());
      return;
    }
    if ((type.min() != null && d < type.min()) || (type.max() != null && d > type.max())) {
      String range = type.max() == null
          ? "at least " + fmt(type.min())
          : fmt(type.min()) + " to " + fmt(type.max());
      report(DiagnosticCode.TL1008, s.pos(), s.path(), "use a value " + range,
          q(label), s.value() + " (allowed " + range + ")");
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private void checkDuration(YamlScalar s, Kind kind, Obj parent, String label) {
    if (!s.isString()) {
      if (s.asDouble().isEmpty()) {
        wrongType(s, new Scalar(kind, null, null), parent, label);
      } else {
        // a bare YAML number: jsonpb and the CRD want a string with a unit
        report(DiagnosticCode.TL1006, s.pos(), s.path(),
            DidYouMean.badDuration(s.value(), "missing unit"), q(s.value()), "missing unit");
      }
      return;
    }
    GoDuration.Parsed p = GoDuration.parse(s.value());
    if (!p.ok()) {
      report(DiagnosticCode.TL1006, s.pos(), s.path(), DidYouMean.badDuration(s.value(), p.error()),
          q(s.value()), p.error());
      return;
    }
    if (kind == Kind.DURATION_MIN_1MS && p.value().compareTo(ONE_MS) < 0) {
      report(DiagnosticCode.TL1007, s.pos(), s.path(), DidYouMean.tooShort(parent, label),
          q(s.value()), q(label));
    }
  }

  private static boolean isBase64(String v) {
    try {
      Base64.getDecoder().decode(v.strip());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void wrongType(YamlNode node, Type expected, Obj parent, String label) {
    report(DiagnosticCode.TL1002, node.pos(), node.path(),
        DidYouMean.wrongType(parent, label, expected, node),
        q(label), expected.describe(), found(node));
  }

  /** How messages show what the user wrote: {@code integer 9080}, {@code string "80"}, a list. */
  static String found(YamlNode node) {
    if (node instanceof YamlScalar s) {
      if (s.isNull()) {
        return "null";
      }
      return s.isString() ? "string " + q(s.value()) : s.kindName() + " " + s.value();
    }
    return node instanceof YamlSeq ? "a list" : "a mapping";
  }

  static boolean isNull(YamlNode node) {
    return node == null || (node instanceof YamlScalar s && s.isNull());
  }
}
