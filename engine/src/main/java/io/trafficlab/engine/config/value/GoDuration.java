package io.trafficlab.engine.config.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Go's {@code time.ParseDuration}, the syntax Istio durations are written in: a sequence of decimal
 * numbers with optional fraction and a unit each ({@code 300ms}, {@code 1.5h}, {@code 2h45m}),
 * optionally signed; {@code 0} alone is the only number without a unit. Units: ns, us (µs, μs), ms,
 * s, m, h. Values beyond Go's int64 nanoseconds are out of range.
 */
public final class GoDuration {

  private static final Map<String, Long> UNITS = Map.of(
      "ns", 1L,
      "us", 1_000L,
      "\u00b5s", 1_000L,
      "\u03bcs", 1_000L,
      "ms", 1_000_000L,
      "s", 1_000_000_000L,
      "m", 60_000_000_000L,
      "h", 3_600_000_000_000L);

  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  /** The parse result: a duration, or the reason it is not one. */
  public record Parsed(Duration value, String error) {
    public boolean ok() {
      return value != null;
    }
  }

  private GoDuration() {}

  /** Parses {@code text}; never throws. */
  public static Parsed parse(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return new Parsed(Duration.ZERO, null);
    }
    if (s.isEmpty()) {
      return fail("not a duration");
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '.' && !isDigit(c)) {
        return fail("expected a number at " + quote(s.substring(i)));
      }
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      boolean pre = i > start;
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
          i++;
        }
        post = i > fracStart;
      }
      if (!pre && !post) {
        return fail("a lone '.' is not a number");
      }
      String number = s.substring(start, i);
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (unitStart == i) {
        return fail("missing unit");
      }
      String unit = s.substring(unitStart, i);
      Long nanos = UNITS.get(unit);
      if (nanos == null) {
        return fail("unknown unit " + quote(unit));
      }
      String n = number.endsWith(".") ? number + "0" : number;
      n = n.startsWith(".") ? "0" + n : n;
      total = total.add(new BigDecimal(n).multiply(BigDecimal.valueOf(nanos)));
      if (total.toBigInteger().compareTo(MAX_NANOS) > 0) {
        return fail("out of range (more than about 292 years)");
      }
    }
    long nanos = total.toBigInteger().longValueExact();
    Duration d = Duration.ofNanos(nanos);
    return new Parsed(negative ? d.negated() : d, null);
  }

  /** The duration, if {@code text} is one. */
  public static Optional<Duration> value(String text) {
    return Optional.ofNullable(parse(text).value());
  }

  private static Parsed fail(String why) {
    return new Parsed(null, why);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
