package io.trafficlab.labs.grade;

import io.trafficlab.engine.config.diag.Diagnostic;
import java.util.Locale;

/**
 * The grade report as readable text for a terminal: score bar, one line per check (✔ pass, ✘ fail,
 * ! could not run) with its message and hint, diagnostics, and misconception feedback. Pure.
 */
public final class ReportText {
  private static final int BAR = 20;

  private ReportText() {}

  public static String render(GradeReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.exercise()).append(r.variant() > 0 ? " (variant " + r.variant() + ")" : "").append('\n');
    int filled = r.maxScore() == 0 ? 0 : (int) Math.round(BAR * (double) r.score() / r.maxScore());
    sb.append("Score ").append(r.score()).append('/').append(r.maxScore()).append("  ")
        .append("█".repeat(filled)).append("░".repeat(BAR - filled)).append("  ")
        .append(String.format(Locale.ROOT, "%.0f %%", r.percent())).append("  ")
        .append(r.status().wireName().toUpperCase(Locale.ROOT)).append('\n');
    if (!r.message().isEmpty()) {
      sb.append('\n').append(wrap(r.message(), "")).append('\n');
    }
    if (!r.diagnostics().isEmpty()) {
      sb.append("\nDiagnostics\n");
      for (Diagnostic d : r.diagnostics()) {
        sb.append("  ").append(d.render()).append('\n');
        if (!d.hint().isEmpty()) {
          sb.append(wrap("hint: " + d.hint(), "    ")).append('\n');
        }
      }
    }
    sb.append("\nChecks\n");
    int idWidth = r.checks().stream().mapToInt(c -> c.id().length()).max().orElse(0);
    for (CheckResult c : r.checks()) {
      String mark = switch (c.status()) {
        case PASS -> "✔";
        case FAIL -> "✘";
        case ERROR -> "!";
      };
      sb.append("  ").append(mark).append(' ').append(pad(c.id(), idWidth)).append("  ").append(c.title())
          .append("  (").append(c.points()).append('/').append(c.maxPoints()).append(", task ").append(c.task())
          .append(")\n");
      if (!c.message().isEmpty()) {
        sb.append(wrap(c.message(), "      ")).append('\n');
      }
      if (!c.hint().isEmpty()) {
        sb.append(wrap("hint: " + c.hint(), "      ")).append('\n');
      }
    }
    if (!r.misconceptions().isEmpty()) {
      sb.append("\nCommon mistakes that match your submission\n");
      for (GradeReport.MisconceptionHit m : r.misconceptions()) {
        sb.append("  • ").append(m.title()).append('\n').append(wrap(m.feedback(), "      ")).append('\n');
      }
    }
    sb.append(String.format(Locale.ROOT, "%nGraded in %.0f ms%n", r.durationMs()));
    return sb.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  /** Wraps at 100 columns, each line starting with {@code indent}. */
  static String wrap(String text, String indent) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split("\\s+")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > 100) {
        out.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    out.append(line);
    return out.toString();
  }

}
