package io.trafficlab.labs.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trafficlab.labs.grade.CheckResult;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.GradeReport;

/**
 * Exercism test-runner {@code results.json}, version 3 (exercism.org docs/building/tooling/
 * test-runners/interface): {@code version}, {@code status} (pass|fail|error), {@code message} only for
 * error, and one {@code tests[]} entry per check with {@code name}, {@code status}, {@code message}
 * (null when passing), {@code output} (null), {@code test_code} and {@code task_id}.
 */
public final class ExercismExport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MESSAGE_LIMIT = 65_535;

  private ExercismExport() {}

  public static ObjectNode toJson(GradeReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 3);
    root.put("status", report.status().wireName());
    if (report.status() == CheckStatus.ERROR) {
      root.put("message", truncate(report.message()));
      return root; // no test was executed: tests[] is only required for pass and fail
    }
    ArrayNode tests = root.putArray("tests");
    for (CheckResult c : report.checks()) {
      ObjectNode t = tests.addObject();
      t.put("name", c.title().isEmpty() ? c.id() : c.title());
      t.put("status", c.status().wireName());
      if (c.status() == CheckStatus.PASS) {
        t.putNull("message");
      } else {
        t.put("message", truncate(c.message() + (c.hint().isEmpty() ? "" : "\nHint: " + c.hint())));
      }
      t.putNull("output");
      t.put("test_code", "check " + c.id() + " (" + c.maxPoints() + " points)");
      t.put("task_id", c.task());
    }
    return root;
  }

  private static String truncate(String s) {
    return s.length() <= MESSAGE_LIMIT ? s : s.substring(0, MESSAGE_LIMIT - 3) + "...";
  }
}
