package io.trafficlab.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Writes the API's error objects: {@code {"status": 404, "code": "unknown_exercise", "message": "..."}}.
 * Pages and the API share the exception mappers of the composition root; {@link #isApi} tells which
 * form a request gets.
 */
public final class ApiErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiErrors() {}

  /** True for the JSON API, health and metrics endpoints: their errors are JSON, never HTML. */
  public static boolean isApi(Context ctx) {
    String p = ctx.path();
    return p.startsWith("/api/") || p.equals("/api") || p.equals("/healthz") || p.equals("/metrics");
  }

  public static void write(Context ctx, ApiException e) {
    e.headers().forEach(ctx::header);
    ObjectNode body = body(e.status(), e.code(), e.getMessage());
    if (e.extra() != null) {
      body.setAll(e.extra());
    }
    ctx.status(e.status()).contentType("application/json").result(body.toString());
  }

  public static void write(Context ctx, int status, String code, String message) {
    ctx.status(status).contentType("application/json").result(body(status, code, message).toString());
  }

  /** The code for a plain HTTP status (404 → not_found). */
  public static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      case 429 -> "busy";
      case 503 -> "unavailable";
      default -> "http_" + status;
    };
  }

  static ObjectNode body(int status, String code, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("status", status);
    n.put("code", code.toLowerCase(Locale.ROOT));
    n.put("message", message == null ? "" : message);
    return n;
  }
}
