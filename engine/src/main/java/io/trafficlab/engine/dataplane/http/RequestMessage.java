package io.trafficlab.engine.dataplane.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A complete HTTP/1.1 request as plain data, detached from Netty buffers so that proxy logic never
 * deals with reference counts. {@code uri} is the request target as sent (path and query).
 * Immutable: the body is copied in and out; derived messages ({@link #withHeaders}) share it.
 */
public final class RequestMessage {
  private final String method;
  private final String uri;
  private final Headers headers;
  private final byte[] body;

  public RequestMessage(String method, String uri, Headers headers, byte[] body) {
    this(method, uri, headers, body == null ? new byte[0] : body.clone(), true);
  }

  /** Takes {@code body} as it is: only for arrays nobody else holds. */
  private RequestMessage(String method, String uri, Headers headers, byte[] body, boolean owned) {
    this.method = Objects.requireNonNull(method, "method");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = body;
  }

  /** A request whose body array the caller hands over (it must not be used afterwards). */
  static RequestMessage owning(String method, String uri, Headers headers, byte[] body) {
    return new RequestMessage(method, uri, headers, body, true);
  }

  public static RequestMessage get(String uri, String host) {
    return new RequestMessage("GET", uri, Headers.EMPTY.set("host", host), new byte[0]);
  }

  public String method() {
    return method;
  }

  public String uri() {
    return uri;
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

  /** The Host header (HTTP/1.1 :authority), or null. */
  public String authority() {
    return headers.get("host");
  }

  /** The path without the query string. */
  public String path() {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  public RequestMessage withHeaders(Headers newHeaders) {
    return new RequestMessage(method, uri, newHeaders, body, true);
  }

  public RequestMessage withUri(String newUri) {
    return new RequestMessage(method, newUri, headers, body, true);
  }

  /** This request with another target and headers, sharing the body. */
  public RequestMessage with(String newUri, Headers newHeaders) {
    return new RequestMessage(method, newUri, newHeaders, body, true);
  }

  @Override
  public String toString() {
    return method + " " + uri + " " + headers + " (" + body.length + " bytes)";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestMessage r && r.method.equals(method) && r.uri.equals(uri)
        && r.headers.equals(headers) && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, Arrays.hashCode(body));
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
