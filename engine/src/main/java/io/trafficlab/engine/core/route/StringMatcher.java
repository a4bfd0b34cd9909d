package io.trafficlab.engine.core.route;

import com.google.re2j.Pattern;
import io.trafficlab.engine.core.regex.RegexDfa;
import java.util.Objects;

/**
 * A compiled Istio {@code StringMatch}: exact, prefix, RE2 regex (always a full match, Envoy
 * {@code safe_regex}) or presence ({@code {}}). Exact and prefix never touch the regex engine.
 * Immutable and thread-safe.
 */
public final class StringMatcher {

  /** What the matcher compares. */
  public enum Kind { EXACT, PREFIX, REGEX, PRESENT }

  private final Kind kind;
  private final String value;
  private final Pattern pattern;
  /**
   * The same regex as a DFA, null when it is outside the DFA's subset or budget: re2j simulates an
   * NFA per match (hundreds of ns), the DFA reads each char once.
   */
  private final RegexDfa dfa;
  /**
   * A literal every regex match must start with: lets most non-matching values skip re2j, and
   * {@link VirtualHost} indexes routes by it.
   */
  private final String regexLiteralPrefix;
  private final boolean ignoreCase;

  private StringMatcher(Kind kind, String value, boolean ignoreCase) {
    this.kind = kind;
    this.value = Objects.requireNonNull(value, "value");
    this.ignoreCase = ignoreCase;
    // re2j compiles first: it validates the syntax, and it matches whatever the DFA declines.
    this.pattern = kind == Kind.REGEX ? Pattern.compile(value) : null;
    this.dfa = kind == Kind.REGEX ? RegexDfa.compile(value).orElse(null) : null;
    this.regexLiteralPrefix = kind == Kind.REGEX ? literalPrefix(value) : "";
  }

  /**
   * The literal characters a regex starts with, conservatively: nothing when the pattern has an
   * alternation anywhere, and never the character a quantifier applies to.
   */
  static String literalPrefix(String regex) {
    if (regex.indexOf('|') >= 0) {
      return "";
    }
    int i = 0;
    while (i < regex.length() && "\\.[](){}*+?^$".indexOf(regex.charAt(i)) < 0) {
      i++;
    }
    if (i < regex.length() && "*+?{".indexOf(regex.charAt(i)) >= 0) {
      i = Math.max(0, i - 1);
    }
    return regex.substring(0, i);
  }

  public static StringMatcher exact(String value) {
    return new StringMatcher(Kind.EXACT, value, false);
  }

  public static StringMatcher prefix(String value) {
    return new StringMatcher(Kind.PREFIX, value, false);
  }

  /** @throws com.google.re2j.PatternSyntaxException when {@code regex} is not RE2 */
  public static StringMatcher regex(String regex) {
    return new StringMatcher(Kind.REGEX, regex, false);
  }

  public static StringMatcher present() {
    return new StringMatcher(Kind.PRESENT, "", false);
  }

  /** The same matcher comparing ASCII case-insensitively (exact and prefix only; Envoy ignores it for regex). */
  public StringMatcher ignoringCase() {
    return kind == Kind.EXACT || kind == Kind.PREFIX ? new StringMatcher(kind, value, true) : this;
  }

  public Kind kind() {
    return kind;
  }

  public String value() {
    return value;
  }

  public boolean ignoreCase() {
    return ignoreCase;
  }

  /**
   * A literal every matching value starts with, compared case-sensitively ("" when there is none):
   * the value of a case-sensitive exact or prefix matcher, the literal prefix of a regex.
   */
  String requiredPrefix() {
    return switch (kind) {
      case EXACT, PREFIX -> ignoreCase ? "" : value;
      case REGEX -> regexLiteralPrefix;
      default -> "";
    };
  }

  /** Whether regex matches run on the DFA rather than re2j. */
  boolean regexUsesDfa() {
    return dfa != null;
  }

  /** Matches a present value. */
  public boolean matches(String s) {
    return matches(s, s.length());
  }

  /** Matches the first {@code length} characters of {@code s} (a path without its query). */
  boolean matches(String s, int length) {
    switch (kind) {
      case EXACT:
        return length == value.length() && s.regionMatches(ignoreCase, 0, value, 0, length);
      case PREFIX:
        return length >= value.length() && s.regionMatches(ignoreCase, 0, value, 0, value.length());
      case REGEX:
        if (dfa != null) {
          // No prefilter: the DFA stops at the first char no match can continue with.
          return dfa.matches(s, length);
        }
        if (!s.startsWith(regexLiteralPrefix) || regexLiteralPrefix.length() > length) {
          return false;
        }
        return pattern.matches(length == s.length() ? s : s.substring(0, length));
      default:
        return true;
    }
  }

  @Override
  public String toString() {
    return kind == Kind.PRESENT ? "{}" : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + value
        + (ignoreCase ? " (ignoreUriCase)" : "");
  }
}
