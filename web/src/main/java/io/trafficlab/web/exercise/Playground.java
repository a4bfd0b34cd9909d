package io.trafficlab.web.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.grade.ReportJson;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.web.grade.GradingService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Sends ONE request, described by the playground form, through the learner's current configuration:
 * the request becomes a one-check exercise run by the grading service, so it gets the same bounded
 * concurrency, deadline and validation as a Run.
 */
final class Playground {
  static final Pattern VIA = Pattern.compile("mesh|gateway:[0-9]{1,5}");
  static final Pattern HOST = Pattern.compile("[A-Za-z0-9*]([A-Za-z0-9.*:-]{0,252})");
  static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
  static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private final GradingService grading;

  Playground(GradingService grading) {
    this.grading = grading;
  }

  PlaygroundResult send(Exercise ex, String yaml, Function<String, String> form) {
    String via = trim(form.apply("via"), "mesh");
    String host = trim(form.apply("host"), "");
    String path = trim(form.apply("path"), "/");
    String method = trim(form.apply("method"), "GET").toUpperCase(Locale.ROOT);
    List<String[]> headers = new ArrayList<>();
    String problem = "";
    if (!VIA.matcher(via).matches()) {
      problem = "Via is mesh or gateway:PORT (for example gateway:80).";
    } else if (!HOST.matcher(host).matches()) {
      problem = "Enter the host to call, for example shop or shop.example.com.";
    } else if (!path.startsWith("/") || path.length() > 2000 || path.chars().anyMatch(c -> c <= ' ')) {
      problem = "The path starts with / and has no spaces.";
    } else if (!METHODS.contains(method)) {
      problem = "The method is one of " + String.join(", ", METHODS) + ".";
    } else {
      String raw = Optional.ofNullable(form.apply("headers")).orElse("");
      for (String line : raw.split("\r?\n")) {
        if (line.isBlank()) {
          continue;
        }
        int colon = line.indexOf(':');
        String name = colon < 0 ? line.strip() : line.substring(0, colon).strip();
        String value = colon < 0 ? "" : line.substring(colon + 1).strip();
        if (!HEADER_NAME.matcher(name).matches() || value.length() > 1000 || headers.size() >= 20
            || value.chars().anyMatch(c -> c < ' ' && c != '\t' || c == 0x7f)) {
          problem = "Write one header per line as name: value (at most 20).";
          break;
        }
        String reserved = reserved(name);
        if (reserved != null) {
          problem = reserved;
          break;
        }
        headers.add(new String[] {name, value});
      }
    }
    String request = method + " " + host + path + " via " + via;
    if (!problem.isEmpty()) {
      return new PlaygroundResult(problem, true, List.of(), null, request);
    }
    Exercise one = new Exercise(ex.packId(), ex.id(), ex.title(), ex.lesson(), ex.difficulty(), ex.minutes(),
        ex.topology(), List.of(), List.of(new Exercise.Check("playground", 0, 0, "Playground request",
            traffic(via, host, path, method, headers), Optional.empty(), "", "playground")),
        Map.of(), List.of(), ex.variant(), ex.variantIndex(), "", "", "", Map.of(), ex.file());
    GradeReport report = grading.submit(one, yaml, Grader.Options.DEFAULT).join();
    JsonNode json = ReportJson.toJson(report);
    List<ResultView.DiagnosticRow> diags = new ArrayList<>();
    json.path("diagnostics").forEach(d -> {
      if (d.path("severity").asText().equals("error")) {
        diags.add(new ResultView.DiagnosticRow("error", d.path("code").asText(), d.path("line").asInt(),
            d.path("column").asInt(), d.path("message").asText(), d.path("path").asText(""), d.path("resource").asText(""),
            d.path("hint").asText(""), d.path("layer").asText("")));
      }
    });
    JsonNode check = json.path("checks").path(0);
    JsonNode first = check.path("traces").path(0);
    ResultView.TraceRow trace = first.isMissingNode() ? null : ResultView.trace(1, "playground", first);
    String why = trace != null ? "" : !report.message().isEmpty() ? report.message()
        : check.path("message").asText("No response was observed.");
    return new PlaygroundResult(why, false, diags, trace, request);
  }

  /**
   * Why a header may not be set from the playground, or null when it may. Host comes from the host
   * field; framing and hop-by-hop headers belong to the HTTP client (a Content-Length or
   * Transfer-Encoding that disagrees with the body would desynchronise the connection); the
   * engine's own {@code x-trafficlab-*} headers carry trace ids and simulated time.
   */
  static String reserved(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("host")) {
      return "Set the host in the Host field, not as a header.";
    }
    if (FRAMING.contains(n)) {
      return "The header " + name + " is set by the HTTP client itself; leave it out.";
    }
    if (n.startsWith(io.trafficlab.engine.dataplane.proxy.ProxyHeaders.PREFIX)) {
      return "Headers starting with " + io.trafficlab.engine.dataplane.proxy.ProxyHeaders.PREFIX
          + " belong to trafficlab's tracing; use another name.";
    }
    return null;
  }

  /** Connection-level headers (RFC 9110 §7.6.1) and message framing. */
  static final java.util.Set<String> FRAMING = java.util.Set.of("content-length", "transfer-encoding",
      "connection", "keep-alive", "proxy-connection", "upgrade", "te", "trailer", "expect");

  /** The one-request check in the case vocabulary: {@code requests: [{via, host, path, method, headers}]}. */
  static YamlMap traffic(String via, String host, String path, String method, List<String[]> headers) {
    SourcePos pos = SourcePos.start("playground");
    List<YamlMap.Entry> req = new ArrayList<>();
    req.add(entry("via", str(via), pos));
    req.add(entry("host", str(host), pos));
    req.add(entry("path", str(path), pos));
    req.add(entry("method", str(method), pos));
    if (!headers.isEmpty()) {
      List<YamlMap.Entry> hs = new ArrayList<>();
      headers.forEach(h -> hs.add(entry(h[0], str(h[1]), pos)));
      req.add(entry("headers", new YamlMap(hs, pos, "headers"), pos));
    }
    YamlSeq requests = new YamlSeq(List.of(new YamlMap(req, pos, "requests[0]")), pos, "requests");
    return new YamlMap(List.of(entry("id", str("playground"), pos), entry("requests", requests, pos)), pos, "");
  }

  private static YamlScalar str(String s) {
    return new YamlScalar(s, false, SourcePos.start("playground"), "");
  }

  private static YamlMap.Entry entry(String key, YamlNode value, SourcePos pos) {
    return new YamlMap.Entry(new YamlScalar(key, true, pos, key), value);
  }

  private static String trim(String s, String dflt) {
    return s == null || s.isBlank() ? dflt : s.strip();
  }
}
