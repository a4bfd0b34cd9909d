package io.trafficlab.engine.config.webhook;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Go's {@code time.ParseDuration} syntax ({@code 1h30m}, {@code 1.5s}, {@code 250ms}), the syntax
 * Istio reads durations with (istio-semantics §10). Parse errors are the schema layer's business:
 * here an unreadable duration is simply absent.
 */
final class Durations {
  private Durations() {}

  static final long NANOS_PER_MILLI = 1_000_000L;

  private static final Map<String, BigDecimal> UNITS = Map.of(
      "ns", BigDecimal.ONE,
      "us", BigDecimal.valueOf(1_000L),
      "\u00b5s", BigDecimal.valueOf(1_000L),
      "\u03bcs", BigDecimal.valueOf(1_000L),
      "ms", BigDecimal.valueOf(NANOS_PER_MILLI),
      "s", BigDecimal.valueOf(1_000_000_000L),
      "m", BigDecimal.valueOf(60_000_000_000L),
      "h", BigDecimal.valueOf(3_600_000_000_000L));

  /** The duration in nanoseconds, or empty when the text is not a Go duration or overflows. */
  static Optional<Long> parseNanos(String text) {
    String s = text.trim();
    if (s.isEmpty() || s.length() > 100) {
      return Optional.empty();
    }
    boolean negative = false;
    int i = 0;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (s.substring(i).equals("0")) {
      return Optional.of(0L);
    }
    if (i == s.length()) {
      return Optional.empty();
    }
    BigDecimal total = BigDecimal.ZERO;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String num = s.substring(start, i);
      if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) {
        return Optional.empty();
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      BigDecimal unit = UNITS.get(s.substring(unitStart, i));
      if (unit == null) {
        return Optional.empty();
      }
      total = total.add(new BigDecimal(num.endsWith(".") ? num + "0" : num).multiply(unit));
    }
    // Go truncates fractions below a nanosecond.
    BigDecimal nanos = total.setScale(0, java.math.RoundingMode.DOWN);
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Optional.empty();
    }
    long v = nanos.longValueExact();
    return Optional.of(negative ? -v : v);
  }
}
