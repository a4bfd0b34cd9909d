package io.trafficlab.engine.core.regex;

/**
 * Why a pattern is left to re2j: outside the parsed subset, malformed, or over a budget. Never
 * escapes the package; {@link RegexDfa#compile} turns it into an empty result.
 */
final class Unsupported extends Exception {

  private static final long serialVersionUID = 1L;

  Unsupported(String reason) {
    super(reason, null, false, false);
  }
}
