package io.trafficlab.labs.grade;

import io.trafficlab.engine.config.diag.Diagnostic;
import java.util.List;

/**
 * The grade report of DESIGN §4 (CONTRACT), extended with misconception feedback, the variant and
 * the grading time. It never contains the reference solution.
 *
 * @param message set when status is error: why grading could not happen
 */
public record GradeReport(String exercise, CheckStatus status, int score, int maxScore, String message,
    List<Diagnostic> diagnostics, List<CheckResult> checks, List<MisconceptionHit> misconceptions,
    int variant, double durationMs) {

  public GradeReport {
    diagnostics = List.copyOf(diagnostics);
    checks = List.copyOf(checks);
    misconceptions = List.copyOf(misconceptions);
  }

  /** A recognised wrong idea and the feedback for it. */
  public record MisconceptionHit(String id, String title, String feedback) {}

  public double percent() {
    return maxScore == 0 ? 0 : 100.0 * score / maxScore;
  }
}
