package io.trafficlab.web.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.labs.pack.Exercise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The result panel's data, built from a grade report in its JSON form (DESIGN §4) so a fresh run
 * and a saved attempt render the same way. Charts are SVG markup produced by escaping writers.
 *
 * @param attemptId the saved attempt's permalink id, or null (anonymous run, playground)
 * @param solution  the reference solution, only when this run passed; null otherwise
 */
public record ResultView(String status, int score, int maxScore, String message, List<TaskGroup> tasks,
    List<Misconception> misconceptions, List<DiagnosticRow> diagnostics, List<String> charts,
    List<TraceRow> traces, String duration, String attemptId, String solution, Map<String, Long> podCounts) {

  /** The checks of one task and its hints as far as this learner has opened them. */
  public record TaskGroup(int task, String title, boolean passed, List<CheckRow> checks, Hints hints) {}

  public record CheckRow(String id, String title, String status, int points, int maxPoints, String message) {}

  /** Progressive hints of one task: {@code shown} of {@code total} revealed. */
  public record Hints(String packId, String exerciseId, int task, List<String> shown, int total) {
    public boolean more() {
      return shown.size() < total;
    }
  }

  public record Misconception(String title, String feedback) {}

  public record DiagnosticRow(String severity, String code, int line, int column, String message, String path,
      String resource, String hint, String layer) {}

  /**
   * One sample request.
   *
   * @param steps the route explanation split into its stages (listener/rule → pick → subset → pod)
   */
  public record TraceRow(int index, String check, int status, String flags, String service, String subset,
      String pod, int attempts, String latency, String authority, String path, List<String> steps,
      Map<String, String> requestHeaders, Map<String, String> responseHeaders, String body, List<String> mirrors) {}

  public int percent() {
    return maxScore == 0 ? (status.equals("pass") ? 100 : 0) : Math.round(100f * score / maxScore);
  }

  public boolean passed() {
    return status.equals("pass");
  }

  public int errorCount() {
    return (int) diagnostics.stream().filter(d -> d.severity().equals("error")).count();
  }

  /** Builds the view. {@code hintsShown} says how many hints of each task the learner has seen. */
  static ResultView of(JsonNode report, Exercise ex, Map<Integer, Integer> hintsShown, String attemptId,
      boolean revealSolution) {
    String status = report.path("status").asText("error");
    List<TaskGroup> groups = new ArrayList<>();
    Map<Integer, List<CheckRow>> byTask = new TreeMap<>();
    Map<Integer, Boolean> taskPassed = new TreeMap<>();
    for (JsonNode c : report.path("checks")) {
      int task = c.path("task").asInt(0);
      byTask.computeIfAbsent(task, k -> new ArrayList<>()).add(new CheckRow(c.path("id").asText(),
          c.path("title").asText(), c.path("status").asText(), c.path("points").asInt(),
          c.path("maxPoints").asInt(), c.path("message").asText("")));
      taskPassed.merge(task, c.path("status").asText().equals("pass"), Boolean::logicalAnd);
    }
    for (Map.Entry<Integer, List<CheckRow>> e : byTask.entrySet()) {
      int task = e.getKey();
      String title = ex.tasks().stream().filter(t -> t.number() == task).map(Exercise.Task::title).findFirst().orElse("");
      List<String> all = ex.hints().getOrDefault(task, List.of());
      boolean passed = taskPassed.getOrDefault(task, false);
      int shown = Math.min(all.size(), hintsShown.getOrDefault(task, 0));
      groups.add(new TaskGroup(task, title, passed, e.getValue(),
          new Hints(ex.packId(), ex.id(), task, all.subList(0, shown), all.size())));
    }
    List<Misconception> mis = new ArrayList<>();
    report.path("misconceptions").forEach(m -> mis.add(new Misconception(m.path("title").asText(), m.path("feedback").asText())));
    List<DiagnosticRow> diags = new ArrayList<>();
    report.path("diagnostics").forEach(d -> diags.add(new DiagnosticRow(d.path("severity").asText(), d.path("code").asText(),
        d.path("line").asInt(), d.path("column").asInt(), d.path("message").asText(), d.path("path").asText(""),
        d.path("resource").asText(""), d.path("hint").asText(""), d.path("layer").asText(""))));

    List<TraceRow> traces = new ArrayList<>();
    Map<String, Long> statusMix = new TreeMap<>();
    Map<String, Long> podCounts = new LinkedHashMap<>();
    List<Double> latencies = new ArrayList<>();
    List<String> charts = new ArrayList<>();
    for (JsonNode c : report.path("checks")) {
      String checkId = c.path("id").asText();
      List<JsonNode> obs = new ArrayList<>();
      c.path("traces").forEach(obs::add);
      for (JsonNode o : obs) {
        traces.add(trace(traces.size() + 1, checkId, o));
        statusMix.merge(String.valueOf(o.path("status").asInt()), 1L, Long::sum);
        latencies.add(o.path("latencyMs").asDouble());
        String pod = o.path("upstream").path("pod").asText("");
        if (!pod.isEmpty()) {
          podCounts.merge(pod, 1L, Long::sum);
        }
      }
      splitChart(c, ex, obs).ifPresent(charts::add);
    }
    if (!traces.isEmpty()) {
      charts.add(Charts.statusMix(statusMix));
      charts.add(Charts.latency(latencies));
    }
    double ms = report.path("durationMs").asDouble();
    return new ResultView(status, report.path("score").asInt(), report.path("maxScore").asInt(),
        report.path("message").asText(""), groups, mis, diags, charts, traces,
        ms >= 1000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000) : Math.round(ms) + " ms",
        attemptId, revealSolution && status.equals("pass") ? ex.solution() : null, podCounts);
  }

  /**
   * The observed-vs-expected chart of a check with a distribution block. It shows the counts the
   * check was judged on, over every request it sent ({@code distribution} in the report). Reports
   * saved before those counts were carried have only the sample traces: their chart counts the
   * samples, reads the expected shares from the exercise, and says that it shows samples.
   */
  static Optional<String> splitChart(JsonNode check, Exercise ex, List<JsonNode> samples) {
    String checkId = check.path("id").asText();
    String title = check.path("title").asText(checkId);
    JsonNode full = check.path("distribution");
    if (full.isObject()) {
      String by = full.path("by").asText("subset");
      Map<String, Double> expected = new LinkedHashMap<>();
      full.path("expect").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asDouble()));
      Map<String, Long> observed = new LinkedHashMap<>();
      full.path("counts").fields().forEachRemaining(e -> observed.put(e.getKey(), e.getValue().asLong()));
      long requests = full.path("requests").asLong(observed.values().stream().mapToLong(Long::longValue).sum());
      return Optional.of(Charts.split(title + " — by " + by, expected, observed,
          "all " + Charts.count(requests) + " request" + (requests == 1 ? "" : "s")));
    }
    return ex.check(checkId).flatMap(ch -> Optional.ofNullable(ch.traffic())).flatMap(t -> t.map("distribution")).map(d -> {
      String by = d.string("by").orElse("subset");
      Map<String, Double> expected = new LinkedHashMap<>();
      d.map("expect").ifPresent(m -> m.entries().forEach(en -> {
        if (en.value() instanceof YamlScalar s) {
          share(s).ifPresent(v -> expected.put(en.name(), v));
        }
      }));
      Map<String, Long> observed = new LinkedHashMap<>();
      samples.forEach(o -> observed.merge(key(by, o), 1L, Long::sum));
      return Charts.split(title + " — by " + by, expected, observed,
          Charts.count(samples.size()) + " sample request" + (samples.size() == 1 ? "" : "s"));
    });
  }

  /** A share as written: a plain number, or a quoted one (placeholders are often quoted). */
  static Optional<Double> share(YamlScalar s) {
    Optional<Double> d = s.asDouble();
    if (d.isPresent()) {
      return d;
    }
    try {
      return Optional.of(Double.parseDouble(s.value().strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The distribution key of a sample observation as the case judge counts it (old reports only). */
  static String key(String by, JsonNode o) {
    JsonNode u = o.path("upstream");
    String k = switch (by) {
      case "status" -> String.valueOf(o.path("status").asInt());
      case "service" -> u.path("service").asText("");
      case "subset" -> u.path("subset").asText("");
      default -> u.path("podLabels").path(by).asText("");
    };
    return k.isEmpty() ? "(none)" : k;
  }

  static TraceRow trace(int index, String check, JsonNode o) {
    JsonNode u = o.path("upstream");
    List<String> flags = new ArrayList<>();
    o.path("responseFlags").forEach(f -> flags.add(f.asText()));
    List<String> steps = new ArrayList<>();
    for (String s : o.path("route").asText("").split(" → ")) {
      if (!s.isBlank()) {
        steps.add(s.strip());
      }
    }
    List<String> mirrors = new ArrayList<>();
    o.path("mirroredTo").forEach(m -> mirrors.add(m.path("service").asText() + " " + m.path("subset").asText("")
        + " " + m.path("pod").asText() + " " + m.path("path").asText()));
    return new TraceRow(index, check, o.path("status").asInt(), String.join(",", flags), u.path("service").asText(""),
        u.path("subset").asText(""), u.path("pod").asText(""), o.path("upstreamAttempts").asInt(),
        Charts.ms(o.path("latencyMs").asDouble()), u.path("authority").asText(""), u.path("path").asText(""), steps,
        strings(u.path("headers")), strings(o.path("responseHeaders")), o.path("body").asText(""), mirrors);
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> m = new TreeMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
