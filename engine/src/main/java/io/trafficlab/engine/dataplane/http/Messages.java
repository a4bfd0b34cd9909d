package io.trafficlab.engine.dataplane.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Conversions between Netty's reference-counted messages and the plain message records. */
final class Messages {
  private Messages() {}

  /** Copies the request; the caller still owns (and releases) {@code r}. */
  static RequestMessage toMessage(FullHttpRequest r) {
    return RequestMessage.owning(r.method().name(), r.uri(), toHeaders(r.headers()),
        ByteBufUtil.getBytes(r.content()));
  }

  /** Copies the response; the caller still owns (and releases) {@code r}. */
  static ResponseMessage toMessage(FullHttpResponse r) {
    return ResponseMessage.owning(r.status().code(), toHeaders(r.headers()),
        ByteBufUtil.getBytes(r.content()));
  }

  static Headers toHeaders(HttpHeaders h) {
    Headers.Builder b = Headers.builder(h.size());
    Iterator<Map.Entry<String, String>> it = h.iteratorAsString();
    while (it.hasNext()) {
      Map.Entry<String, String> e = it.next();
      b.add(e.getKey(), e.getValue());
    }
    return b.build();
  }

  /**
   * A Netty response with framing headers of our own: {@code content-length} always, and
   * {@code connection: close} when the connection will not be kept alive.
   */
  static FullHttpResponse toNetty(ResponseMessage m, boolean keepAlive) {
    byte[] body = m.bodyView();
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(m.status()), Unpooled.wrappedBuffer(body));
    copy(m.headers(), r.headers());
    r.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (keepAlive) {
      r.headers().remove(HttpHeaderNames.CONNECTION);
    } else {
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return r;
  }

  static FullHttpRequest toNetty(RequestMessage m) {
    byte[] body = m.bodyView();
    FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
        HttpMethod.valueOf(m.method()), m.uri(), Unpooled.wrappedBuffer(body));
    copy(m.headers(), r.headers());
    r.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
    if (body.length > 0 || r.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    }
    return r;
  }

  private static void copy(Headers from, HttpHeaders to) {
    for (Headers.Entry e : from.entries()) {
      to.add(e.name(), e.value());
    }
  }
}
