package io.trafficlab.labs.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trafficlab.labs.grade.CheckResult;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.GradeReport.MisconceptionHit;

/**
 * Gradescope autograder {@code results.json} (gradescope-autograders specs): top-level {@code score},
 * {@code execution_time} (seconds), {@code output}, {@code output_format}, {@code visibility},
 * {@code stdout_visibility}, {@code extra_data} and {@code tests[]} with {@code score},
 * {@code max_score}, {@code status} (passed|failed), {@code name}, {@code number} (task.check),
 * {@code output}, {@code tags} and {@code visibility}.
 */
public final class GradescopeExport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GradescopeExport() {}

  public static ObjectNode toJson(GradeReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("score", (double) report.score());
    root.put("execution_time", (int) Math.ceil(report.durationMs() / 1000.0));
    StringBuilder out = new StringBuilder();
    if (report.status() == CheckStatus.ERROR) {
      out.append("Could not grade: ").append(report.message()).append('\n');
    } else {
      out.append("Score ").append(report.score()).append('/').append(report.maxScore()).append('\n');
    }
    for (MisconceptionHit m : report.misconceptions()) {
      out.append("\n").append(m.title()).append(": ").append(m.feedback()).append('\n');
    }
    root.put("output", out.toString().strip());
    root.put("output_format", "text");
    root.put("visibility", "visible");
    root.put("stdout_visibility", "hidden");
    ObjectNode extra = root.putObject("extra_data");
    extra.put("exercise", report.exercise());
    extra.put("variant", report.variant());
    ArrayNode tests = root.putArray("tests");
    int n = 0;
    for (CheckResult c : report.checks()) {
      n++;
      ObjectNode t = tests.addObject();
      t.put("score", (double) c.points());
      t.put("max_score", (double) c.maxPoints());
      t.put("status", c.status() == CheckStatus.PASS ? "passed" : "failed");
      t.put("name", c.title().isEmpty() ? c.id() : c.title());
      t.put("number", c.task() + "." + n);
      t.put("output", c.status() == CheckStatus.PASS ? ""
          : c.message() + (c.hint().isEmpty() ? "" : "\nHint: " + c.hint()));
      t.put("output_format", "text");
      t.putArray("tags").add("task-" + c.task());
      t.put("visibility", "visible");
    }
    return root;
  }
}
