package io.trafficlab.web.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trafficlab.labs.grade.CheckResult;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.GradeReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a saved attempt's report JSON (the {@code ReportJson} form) back into a {@link GradeReport}
 * for the exports and the gradebook. Diagnostics and traces are not read back (no export needs
 * them); pages that show them render the JSON itself.
 */
public final class StoredReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoredReport() {}

  public static JsonNode tree(String reportJson) {
    try {
      return JSON.readTree(reportJson);
    } catch (IOException e) {
      throw new IllegalStateException("a stored report is not JSON", e);
    }
  }

  public static GradeReport read(String reportJson) {
    JsonNode n = tree(reportJson);
    List<CheckResult> checks = new ArrayList<>();
    for (JsonNode c : n.path("checks")) {
      checks.add(new CheckResult(c.path("id").asText(), c.path("task").asInt(), c.path("title").asText(),
          status(c.path("status").asText()), c.path("points").asInt(), c.path("maxPoints").asInt(),
          c.path("message").asText(), c.path("hint").asText(), List.of()));
    }
    List<GradeReport.MisconceptionHit> mis = new ArrayList<>();
    for (JsonNode m : n.path("misconceptions")) {
      mis.add(new GradeReport.MisconceptionHit(m.path("id").asText(), m.path("title").asText(),
          m.path("feedback").asText()));
    }
    return new GradeReport(n.path("exercise").asText(), status(n.path("status").asText()), n.path("score").asInt(),
        n.path("maxScore").asInt(), n.path("message").asText(""), List.of(), checks, mis, n.path("variant").asInt(),
        n.path("durationMs").asDouble());
  }

  private static CheckStatus status(String s) {
    try {
      return CheckStatus.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return CheckStatus.ERROR;
    }
  }
}
