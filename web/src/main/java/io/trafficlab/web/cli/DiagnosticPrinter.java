package io.trafficlab.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trafficlab.engine.cases.Verdict;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticJson;
import io.trafficlab.engine.config.diag.Severity;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * Prints diagnostics in the text and JSON forms of DESIGN §4 (CONTRACT), and the verdicts of
 * {@code validate --check-expectations}: text lines {@code pass|fail file:line:col id: message},
 * JSON {@code "expectations": [{"status": "pass|fail", ...}]}.
 */
final class DiagnosticPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DiagnosticPrinter() {}

  /** Verdicts with the file each one is about ({@code files.get(i)} for {@code verdicts.get(i)}). */
  record Expectations(List<String> files, List<Verdict> verdicts) {
    Expectations {
      files = List.copyOf(files);
      verdicts = List.copyOf(verdicts);
    }

    long failed() {
      return verdicts.stream().filter(v -> !v.passed()).count();
    }
  }

  static void print(PrintWriter out, List<Diagnostic> diagnostics, boolean valid, OutputFormat format) {
    print(out, diagnostics, valid, format, Optional.empty());
  }

  static void print(PrintWriter out, List<Diagnostic> diagnostics, boolean valid, OutputFormat format,
      Optional<Expectations> expectations) {
    if (format == OutputFormat.json) {
      ObjectNode root = DiagnosticJson.validation(valid, diagnostics);
      expectations.ifPresent(e -> root.set("expectations", toJson(e)));
      out.println(root.toPrettyString());
      out.flush();
      return;
    }
    for (Diagnostic d : diagnostics) {
      out.println(d.render());
      if (!d.hint().isEmpty()) {
        out.println("  hint: " + d.hint());
      }
    }
    long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
    long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
    out.println(valid
        ? "valid" + (warnings > 0 ? " (" + warnings + " warning" + (warnings == 1 ? "" : "s") + ")" : "")
        : "invalid: " + errors + " error" + (errors == 1 ? "" : "s")
            + (warnings > 0 ? ", " + warnings + " warning" + (warnings == 1 ? "" : "s") : ""));
    expectations.ifPresent(e -> printText(out, e));
    out.flush();
  }

  private static void printText(PrintWriter out, Expectations e) {
    for (int i = 0; i < e.verdicts().size(); i++) {
      Verdict v = e.verdicts().get(i);
      StringBuilder sb = new StringBuilder(v.passed() ? "pass " : "fail ").append(e.files().get(i));
      if (v.pos() != null) {
        sb.append(':').append(v.pos().line()).append(':').append(v.pos().column());
      }
      sb.append(' ').append(v.id()).append(": ").append(v.message());
      out.println(sb);
    }
    long failed = e.failed();
    out.println("expectations: " + (e.verdicts().size() - failed) + " passed, " + failed + " failed");
  }

  private static ArrayNode toJson(Expectations e) {
    ArrayNode arr = JSON.createArrayNode();
    for (int i = 0; i < e.verdicts().size(); i++) {
      Verdict v = e.verdicts().get(i);
      ObjectNode o = arr.addObject();
      o.put("status", v.passed() ? "pass" : "fail");
      o.put("file", e.files().get(i));
      o.put("line", v.pos() == null ? 0 : v.pos().line());
      o.put("column", v.pos() == null ? 0 : v.pos().column());
      o.put("subject", v.subject());
      o.put("check", v.check());
      o.put("message", v.message());
    }
    return arr;
  }
}
