package io.trafficlab.engine.config.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A schema type: the small DSL the Istio and Kubernetes schemas are written in. Types are immutable
 * and shared; a field's type says what its value must look like, the walker does the checking.
 */
sealed interface Type permits Type.Obj, Type.Scalar, Type.EnumOf, Type.ListOf, Type.MapOf,
    Type.AnyValue {

  /** How messages name the expected shape: "a mapping", "an integer", ... */
  String describe();

  /** Anything goes (Kubernetes fields below the levels trafficlab models). */
  AnyValue ANY = new AnyValue();

  /** The scalar kinds; JSON/YAML value rules follow the Kubernetes structural schema. */
  enum Kind {
    STRING("a string"),
    BOOLEAN("a boolean (true or false)"),
    INT32("an integer"),
    UINT32("a non-negative integer"),
    INT64("an integer"),
    UINT64("a non-negative integer"),
    DOUBLE("a number"),
    /** A Go duration ("5s", "1h30m"); no lower bound. */
    DURATION("a duration such as \"5s\""),
    /** A Go duration with the CRD CEL rule {@code duration(self) >= duration('1ms')}. */
    DURATION_MIN_1MS("a duration such as \"5s\""),
    /** base64-encoded bytes. */
    BYTES("a base64 string"),
    /** Kubernetes IntOrString (Service targetPort). */
    INT_OR_STRING("an integer or a string");

    private final String describe;

    Kind(String describe) {
      this.describe = describe;
    }

    boolean isInteger() {
      return this == INT32 || this == UINT32 || this == INT64 || this == UINT64;
    }

    boolean isDuration() {
      return this == DURATION || this == DURATION_MIN_1MS;
    }
  }

  /** A scalar, with optional inclusive bounds (used for doubles such as retryBudget.percent). */
  record Scalar(Kind kind, Double min, Double max) implements Type {
    public Scalar {
      Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String describe() {
      return kind.describe;
    }
  }

  /** A proto enum, written as its case-sensitive name. */
  record EnumOf(List<String> values) implements Type {
    public EnumOf {
      values = List.copyOf(values);
    }

    @Override
    public String describe() {
      return "one of " + String.join(", ", values);
    }
  }

  /** A list; {@code maxItems} 0 means unbounded. */
  record ListOf(Type item, int minItems, int maxItems) implements Type {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A map with free string keys (labels, headers, ...). */
  record MapOf(Type value) implements Type {
    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** See {@link #ANY}. */
  record AnyValue() implements Type {
    @Override
    public String describe() {
      return "any value";
    }
  }

  /** One field of a message. */
  record Field(String name, Type type, boolean required) {}

  /**
   * A message (object) with named fields. {@code open} objects accept unknown fields (Kubernetes
   * levels below what we model). {@code atMostOne} are the CRD's oneOf groups: at most one member may
   * be set. {@code scalarField} is the field a scalar written in place of the object most likely
   * meant ({@code port: 9080} → {@code port: {number: 9080}}), or null.
   */
  final class Obj implements Type {
    private final String name;
    private final Map<String, Field> fields;
    private final List<List<String>> atMostOne;
    private final boolean open;
    private final String scalarField;

    private Obj(Builder b) {
      this.name = b.name;
      this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
      this.atMostOne = List.copyOf(b.atMostOne);
      this.open = b.open;
      this.scalarField = b.scalarField;
    }

    static Builder named(String name) {
      return new Builder(name);
    }

    String name() {
      return name;
    }

    Field field(String key) {
      return fields.get(key);
    }

    Iterable<Field> fields() {
      return fields.values();
    }

    List<String> fieldNames() {
      return List.copyOf(fields.keySet());
    }

    List<List<String>> atMostOne() {
      return atMostOne;
    }

    boolean open() {
      return open;
    }

    String scalarField() {
      return scalarField;
    }

    @Override
    public String describe() {
      return "a mapping (" + name + ")";
    }

    @Override
    public String toString() {
      return name;
    }

    /** Declares fields in proto order; {@code build()} freezes them. */
    static final class Builder {
      private final String name;
      private final LinkedHashMap<String, Field> fields = new LinkedHashMap<>();
      private final List<List<String>> atMostOne = new ArrayList<>();
      private boolean open;
      private String scalarField;

      private Builder(String name) {
        this.name = name;
      }

      Builder opt(String field, Type type) {
        return add(new Field(field, type, false));
      }

      Builder req(String field, Type type) {
        return add(new Field(field, type, true));
      }

      private Builder add(Field f) {
        if (fields.putIfAbsent(f.name(), f) != null) {
          throw new IllegalStateException(name + "." + f.name() + " declared twice");
        }
        return this;
      }

      Builder oneOf(String... names) {
        for (String n : names) {
          if (!fields.containsKey(n)) {
            throw new IllegalStateException(name + ": oneOf names unknown field " + n);
          }
        }
        atMostOne.add(List.of(names));
        return this;
      }

      Builder open() {
        this.open = true;
        return this;
      }

      Builder scalarMeans(String field) {
        if (!fields.containsKey(field)) {
          throw new IllegalStateException(name + ": scalarMeans names unknown field " + field);
        }
        this.scalarField = field;
        return this;
      }

      Obj build() {
        return new Obj(this);
      }
    }
  }

  // ---- the DSL's atoms ----

  Scalar STRING = new Scalar(Kind.STRING, null, null);
  Scalar BOOL = new Scalar(Kind.BOOLEAN, null, null);
  Scalar INT32 = new Scalar(Kind.INT32, null, null);
  Scalar UINT32 = new Scalar(Kind.UINT32, null, null);
  Scalar INT64 = new Scalar(Kind.INT64, null, null);
  Scalar UINT64 = new Scalar(Kind.UINT64, null, null);
  Scalar DOUBLE = new Scalar(Kind.DOUBLE, null, null);
  Scalar DURATION = new Scalar(Kind.DURATION, null, null);
  Scalar DURATION_1MS = new Scalar(Kind.DURATION_MIN_1MS, null, null);
  Scalar BYTES = new Scalar(Kind.BYTES, null, null);
  Scalar INT_OR_STRING = new Scalar(Kind.INT_OR_STRING, null, null);
  ListOf STRINGS = new ListOf(STRING, 0, 0);
  MapOf STRING_MAP = new MapOf(STRING);

  static Scalar doubleIn(double min, double max) {
    return new Scalar(Kind.DOUBLE, min, max);
  }

  static Scalar doubleAtLeast(double min) {
    return new Scalar(Kind.DOUBLE, min, null);
  }

  static ListOf listOf(Type item) {
    return new ListOf(item, 0, 0);
  }

  static ListOf listOf(Type item, int minItems, int maxItems) {
    return new ListOf(item, minItems, maxItems);
  }

  static MapOf mapOf(Type value) {
    return new MapOf(value);
  }

  static EnumOf enumOf(String... values) {
    return new EnumOf(List.of(values));
  }
}
