package io.trafficlab.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Severity;
import java.io.PrintWriter;
import java.util.List;

/** Prints diagnostics in the text and JSON forms of DESIGN §4. */
final class DiagnosticPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DiagnosticPrinter() {}

  static void print(PrintWriter out, List<Diagnostic> diagnostics, boolean valid, OutputFormat format) {
    if (format == OutputFormat.json) {
      ObjectNode root = JSON.createObjectNode();
      root.put("valid", valid);
      root.set("diagnostics", toJson(diagnostics));
      out.println(root.toPrettyString());
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
  }

  static ArrayNode toJson(List<Diagnostic> diagnostics) {
    ArrayNode arr = JSON.createArrayNode();
    for (Diagnostic d : diagnostics) {
      ObjectNode o = arr.addObject();
      o.put("severity", d.severity().wireName());
      o.put("code", d.code());
      o.put("message", d.message());
      o.put("file", d.file());
      o.put("line", d.line());
      o.put("column", d.column());
      o.put("path", d.path());
      o.put("resource", d.resource());
      o.put("hint", d.hint());
      o.put("layer", d.layer().wireName());
    }
    return arr;
  }
}
