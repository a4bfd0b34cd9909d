package io.trafficlab.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A request the API refuses, as data: HTTP status, a stable machine-readable {@code code}, a message
 * for people, optional extra JSON fields (e.g. diagnostics) and response headers (Retry-After).
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient ObjectNode extra;
  private final Map<String, String> headers;

  public ApiException(int status, String code, String message) {
    this(status, code, message, null, Map.of());
  }

  public ApiException(int status, String code, String message, ObjectNode extra, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Extra fields merged into the error object, or null. */
  public ObjectNode extra() {
    return extra;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
