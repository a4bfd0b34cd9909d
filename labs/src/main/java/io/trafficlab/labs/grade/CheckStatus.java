package io.trafficlab.labs.grade;

import java.util.Locale;

/**
 * Exercism's three outcomes: {@code ERROR} means the grader could not judge (the submission was
 * rejected, the run hit its deadline); {@code FAIL} means it was judged and missed.
 */
public enum CheckStatus {
  PASS,
  FAIL,
  ERROR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
