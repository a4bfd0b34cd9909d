package io.trafficlab.engine.dataplane.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A complete HTTP/1.1 request as plain data, detached from Netty buffers so that proxy logic never
 * deals with reference counts. {@code uri} is the request target as sent (path and query).
 */
public record RequestMessage(String method, String uri, Headers headers, byte[] body) {
  public RequestMessage {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
    body = body == null ? new byte[0] : body.clone();
  }

  public static RequestMessage get(String uri, String host) {
    return new RequestMessage("GET", uri, Headers.EMPTY.set("host", host), new byte[0]);
  }

  /** The Host header (HTTP/1.1 :authority), or null. */
  public String authority() {
    return headers.get("host");
  }

  /** The path without the query string. */
  public String path() {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body itself, not a copy, for writing it out: callers must not modify it. */
  byte[] bodyView() {
    return body;
  }

  public RequestMessage withHeaders(Headers newHeaders) {
    return new RequestMessage(method, uri, newHeaders, body);
  }

  public RequestMessage withUri(String newUri) {
    return new RequestMessage(method, newUri, headers, body);
  }

  @Override
  public String toString() {
    return method + " " + uri + " " + headers + " (" + body.length + " bytes)";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestMessage r && r.method.equals(method) && r.uri.equals(uri)
        && r.headers.equals(headers) && java.util.Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, java.util.Arrays.hashCode(body));
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
