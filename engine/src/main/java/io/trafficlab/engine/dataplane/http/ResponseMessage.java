package io.trafficlab.engine.dataplane.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A complete HTTP/1.1 response as plain data (see {@link RequestMessage}). Immutable: the body is
 * copied in and out; derived messages ({@link #withHeaders}) share it.
 */
public final class ResponseMessage {
  private final int status;
  private final Headers headers;
  private final byte[] body;

  public ResponseMessage(int status, Headers headers, byte[] body) {
    this(status, headers, body == null ? new byte[0] : body.clone(), true);
  }

  private ResponseMessage(int status, Headers headers, byte[] body, boolean owned) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status: " + status + " (expected: 100..999)");
    }
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = body;
  }

  /** A response whose body array the caller hands over (it must not be used afterwards). */
  static ResponseMessage owning(int status, Headers headers, byte[] body) {
    return new ResponseMessage(status, headers, body, true);
  }

  /** A {@code text/plain} response, the shape of Envoy's local replies. */
  public static ResponseMessage text(int status, String text) {
    return new ResponseMessage(status, Headers.EMPTY.set("content-type", "text/plain"),
        text.getBytes(StandardCharsets.UTF_8), true);
  }

  /**
   * A response with {@code body} as it is (no copy): for bodies built just for this response,
   * never used elsewhere afterwards.
   */
  public static ResponseMessage ofFreshBody(int status, Headers headers, byte[] body) {
    return new ResponseMessage(status, headers, Objects.requireNonNull(body, "body"), true);
  }

  public int status() {
    return status;
  }

  public Headers headers() {
    return headers;
  }

  /** A copy of the body. */
  public byte[] body() {
    return body.clone();
  }

  /** The body itself, not a copy, for writing it out: callers must not modify it. */
  byte[] bodyView() {
    return body;
  }

  public int bodyLength() {
    return body.length;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public ResponseMessage withHeaders(Headers newHeaders) {
    return new ResponseMessage(status, newHeaders, body, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResponseMessage r && r.status == status && r.headers.equals(headers)
        && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return status + " " + headers + " (" + body.length + " bytes)";
  }
}
