package io.trafficlab.web.instructor;

import io.trafficlab.labs.export.CsvExport;
import io.trafficlab.labs.grade.CheckResult;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.web.attempt.StoredReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gradebook as CSV ({@link CsvExport}): one row per learner and attempted exercise, from the
 * learner's best attempt; the per-check columns are the union of the check ids of every exercise
 * shown, in order of first appearance (a column is empty for an exercise without that check).
 */
final class GradebookCsv {
  private GradebookCsv() {}

  static String write(Gradebook book, Map<String, String> reportsByAttemptId) {
    List<String[]> cells = new ArrayList<>();
    List<GradeReport> reports = new ArrayList<>();
    Set<String> checkIds = new LinkedHashSet<>();
    for (Gradebook.Row row : book.rows()) {
      for (Gradebook.Column col : book.columns()) {
        Gradebook.Cell cell = row.cell(col);
        if (cell == null) {
          continue;
        }
        String json = reportsByAttemptId.get(cell.attemptId());
        if (json == null) {
          continue;
        }
        GradeReport r = StoredReport.read(json);
        r.checks().stream().map(CheckResult::id).forEach(checkIds::add);
        reports.add(r);
        cells.add(new String[] {row.csvName()});
      }
    }
    List<String> ids = List.copyOf(checkIds);
    StringBuilder sb = new StringBuilder(CsvExport.header(ids));
    for (int i = 0; i < reports.size(); i++) {
      sb.append(CsvExport.row(cells.get(i)[0], reports.get(i), ids));
    }
    return sb.toString();
  }
}
