package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.yaml.SourcePos;

/**
 * The judgement of one expectation: which block and key, pass or fail, and a message that quotes
 * the evidence ("expected subset v2, got v1 in 48/50 copies: route ...").
 *
 * @param subject {@code requests[3]}, {@code distribution}, {@code totals}, {@code validation} or
 *     {@code analyzer}
 * @param check   the key judged: {@code subset}, {@code podLabels.version}, {@code share v2},
 *     {@code statusCounts.503}, {@code errorContains[0]}, or a list index {@code [0]} of the
 *     subject ({@code analyzer})
 * @param pos     where the expectation is written in the case file; null when unknown
 */
public record Verdict(String subject, String check, boolean passed, String message, SourcePos pos) {

  /** {@code requests[3].subset}; {@code analyzer[0]} when the check is a list index. */
  public String id() {
    return check.startsWith("[") ? subject + check : subject + "." + check;
  }
}
