package io.trafficlab.labs.export;

import io.trafficlab.labs.grade.CheckResult;
import io.trafficlab.labs.grade.GradeReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradebook CSV rows (RFC 4180 quoting): {@code learner, exercise, status, score, max_score, percent,
 * then one column per check: points}. The header row names the check columns {@code check:<id>}.
 */
public final class CsvExport {
  private CsvExport() {}

  public static String header(List<String> checkIds) {
    List<String> cols = new ArrayList<>(List.of("learner", "exercise", "status", "score", "max_score", "percent"));
    checkIds.forEach(id -> cols.add("check:" + id));
    return row(cols);
  }

  public static String row(String learner, GradeReport report, List<String> checkIds) {
    List<String> cols = new ArrayList<>();
    cols.add(learner);
    cols.add(report.exercise());
    cols.add(report.status().wireName());
    cols.add(Integer.toString(report.score()));
    cols.add(Integer.toString(report.maxScore()));
    cols.add(String.format(java.util.Locale.ROOT, "%.1f", report.percent()));
    for (String id : checkIds) {
      cols.add(report.checks().stream().filter(c -> c.id().equals(id)).findFirst()
          .map(CheckResult::points).map(String::valueOf).orElse(""));
    }
    return row(cols);
  }

  static String row(List<String> cols) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(quote(cols.get(i)));
    }
    return sb.append("\r\n").toString();
  }

  /** Quotes a field when needed; a leading =,+,-,@ is neutralised so spreadsheets do not run it. */
  static String quote(String s) {
    String v = s == null ? "" : s;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
