package io.trafficlab.engine.config.diag;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON form of diagnostics (DESIGN §4, CONTRACT), the one writer that {@code validate --format
 * json}, grade reports and the web API share: {@code severity, code, message, file, line, column,
 * path, resource, hint, layer}, every key always present, in that order, with wire names for
 * severity and layer.
 */
public final class DiagnosticJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DiagnosticJson() {}

  public static ObjectNode toJson(Diagnostic d) {
    ObjectNode o = NODES.objectNode();
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
    return o;
  }

  public static ArrayNode toJson(List<Diagnostic> diagnostics) {
    ArrayNode arr = NODES.arrayNode();
    for (Diagnostic d : diagnostics) {
      arr.add(toJson(d));
    }
    return arr;
  }

  /** The {@code validate --format json} document: {@code {"valid": ..., "diagnostics": [...]}}. */
  public static ObjectNode validation(boolean valid, List<Diagnostic> diagnostics) {
    ObjectNode root = NODES.objectNode();
    root.put("valid", valid);
    root.set("diagnostics", toJson(diagnostics));
    return root;
  }
}
