package io.trafficlab.engine.config.yaml;

import java.util.Objects;
import java.util.Optional;

/**
 * A scalar as written. {@code plain} is true for unquoted scalars; only plain scalars are resolved to
 * null, booleans and numbers (YAML 1.2 core schema), quoted ones are always strings.
 */
public final class YamlScalar implements YamlNode {

  /** How the scalar was written; only {@link #LITERAL} keeps its text line for line. */
  public enum Style {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL,
    FOLDED
  }

  private final String value;
  private final boolean plain;
  private final Style style;
  private final SourcePos pos;
  private final String path;

  public YamlScalar(String value, boolean plain, SourcePos pos, String path) {
    this(value, plain, plain ? Style.PLAIN : Style.DOUBLE_QUOTED, pos, path);
  }

  /**
   * @param plain true when the scalar resolves like an unquoted one (no quotes, no {@code !!str}
   *     tag); false for quoted and block scalars
   */
  public YamlScalar(String value, boolean plain, Style style, SourcePos pos, String path) {
    this.value = Objects.requireNonNull(value, "value");
    this.plain = plain;
    this.style = Objects.requireNonNull(style, "style");
    this.pos = Objects.requireNonNull(pos, "pos");
    this.path = Objects.requireNonNull(path, "path");
  }

  /** The text of the scalar, without quotes. */
  public String value() {
    return value;
  }

  public boolean plain() {
    return plain;
  }

  /** How the scalar was written ({@code |}, {@code >}, quotes or none). */
  public Style style() {
    return style;
  }

  @Override
  public SourcePos pos() {
    return pos;
  }

  @Override
  public String path() {
    return path;
  }

  /** {@code null}, {@code ~} or an empty plain scalar. */
  public boolean isNull() {
    return plain && (value.isEmpty() || value.equals("~") || value.equals("null")
        || value.equals("Null") || value.equals("NULL"));
  }

  public Optional<Boolean> asBoolean() {
    if (!plain) {
      return Optional.empty();
    }
    return switch (value) {
      case "true", "True", "TRUE" -> Optional.of(true);
      case "false", "False", "FALSE" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** The integer value of a plain scalar written as a decimal (or 0x/0o) integer. */
  public Optional<Long> asLong() {
    if (!plain) {
      return Optional.empty();
    }
    try {
      if (value.matches("[-+]?[0-9]+")) {
        return Optional.of(Long.parseLong(value.startsWith("+") ? value.substring(1) : value));
      }
      if (value.matches("0x[0-9a-fA-F]+")) {
        return Optional.of(Long.parseLong(value.substring(2), 16));
      }
      if (value.matches("0o[0-7]+")) {
        return Optional.of(Long.parseLong(value.substring(2), 8));
      }
    } catch (NumberFormatException tooBig) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** True for a plain scalar that is an integer too large for a long. */
  public boolean isHugeInteger() {
    return plain && value.matches("[-+]?[0-9]{19,}") && asLong().isEmpty();
  }

  /** The numeric value of a plain scalar written as an integer or a float. */
  public Optional<Double> asDouble() {
    if (!plain) {
      return Optional.empty();
    }
    Optional<Long> l = asLong();
    if (l.isPresent()) {
      return Optional.of(l.get().doubleValue());
    }
    if (value.matches("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?")) {
      return Optional.of(Double.parseDouble(value));
    }
    return switch (value) {
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> Optional.of(Double.POSITIVE_INFINITY);
      case "-.inf", "-.Inf", "-.INF" -> Optional.of(Double.NEGATIVE_INFINITY);
      case ".nan", ".NaN", ".NAN" -> Optional.of(Double.NaN);
      default -> Optional.empty();
    };
  }

  /** True when the plain scalar would be read as a string (not null, bool or number). */
  public boolean isString() {
    return !plain || (!isNull() && asBoolean().isEmpty() && asDouble().isEmpty() && !isHugeInteger());
  }

  @Override
  public String kindName() {
    if (isNull()) {
      return "null";
    }
    if (asBoolean().isPresent()) {
      return "boolean";
    }
    if (asLong().isPresent() || isHugeInteger()) {
      return "integer";
    }
    if (asDouble().isPresent()) {
      return "number";
    }
    return "string";
  }

  @Override
  public String toString() {
    return value;
  }
}
