package io.trafficlab.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trafficlab.labs.export.ExercismExport;
import io.trafficlab.labs.export.GradescopeExport;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.ReportJson;
import java.util.Locale;
import java.util.Optional;

/** The forms a grade report is served in: {@code json} (DESIGN §4), {@code exercism}, {@code gradescope}. */
public enum ReportFormat {
  JSON,
  EXERCISM,
  GRADESCOPE;

  public static Optional<ReportFormat> parse(String s) {
    if (s == null || s.isEmpty()) {
      return Optional.of(JSON);
    }
    for (ReportFormat f : values()) {
      if (f.wireName().equals(s.toLowerCase(Locale.ROOT))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public ObjectNode render(GradeReport r) {
    return switch (this) {
      case JSON -> ReportJson.toJson(r);
      case EXERCISM -> ExercismExport.toJson(r);
      case GRADESCOPE -> GradescopeExport.toJson(r);
    };
  }
}
