package io.trafficlab.engine.core.exchange;

import java.time.Duration;

/** Human-readable durations for decision reasons: {@code 18ms}, {@code 1.5s}, {@code 3m}. */
public final class Durations {
  private Durations() {}

  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000 || ms % 1000 != 0 && ms < 10_000) {
      return ms < 1000 ? ms + "ms" : trim(ms / 1000.0) + "s";
    }
    long s = ms / 1000;
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return ms % 1000 == 0 ? s + "s" : trim(ms / 1000.0) + "s";
  }

  private static String trim(double v) {
    String t = String.format(java.util.Locale.ROOT, "%.3f", v);
    t = t.replaceAll("0+$", "");
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }
}
