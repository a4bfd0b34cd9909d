package io.trafficlab.engine.dataplane.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** A complete HTTP/1.1 response as plain data (see {@link RequestMessage}). */
public record ResponseMessage(int status, Headers headers, byte[] body) {
  public ResponseMessage {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status: " + status + " (expected: 100..999)");
    }
    Objects.requireNonNull(headers, "headers");
    body = body == null ? new byte[0] : body.clone();
  }

  /** A {@code text/plain} response, the shape of Envoy's local replies. */
  public static ResponseMessage text(int status, String text) {
    return new ResponseMessage(status, Headers.EMPTY.set("content-type", "text/plain"),
        text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
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
    return new ResponseMessage(status, newHeaders, body);
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
