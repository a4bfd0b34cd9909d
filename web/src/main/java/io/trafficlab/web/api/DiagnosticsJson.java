package io.trafficlab.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trafficlab.engine.config.diag.Diagnostic;
import java.util.List;

/** Diagnostics in the JSON form of {@code validate --format json} (DESIGN §4, CONTRACT). */
public final class DiagnosticsJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DiagnosticsJson() {}

  /** {@code {"valid": ..., "diagnostics": [...]}}. */
  public static ObjectNode result(boolean valid, List<Diagnostic> diagnostics) {
    ObjectNode root = JSON.createObjectNode();
    root.put("valid", valid);
    root.set("diagnostics", toJson(diagnostics));
    return root;
  }

  public static ArrayNode toJson(List<Diagnostic> diagnostics) {
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
