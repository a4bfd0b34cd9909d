package io.trafficlab.engine.config.diag;

import java.util.Locale;

/** How bad a diagnostic is. Only {@link #ERROR} makes a configuration invalid. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** The lower-case wire name used in JSON and text output. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
