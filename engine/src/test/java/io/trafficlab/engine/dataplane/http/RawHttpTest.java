package io.trafficlab.engine.dataplane.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RawHttp writes exactly the bytes Netty's codecs write for the same message. */
class RawHttpTest {

  private static final Headers HEADERS = Headers.of(List.of(
      new Headers.Entry("content-type", "application/json"),
      new Headers.Entry("content-length", "999"),
      new Headers.Entry("x-latin1", "caf\u00e9"),
      new Headers.Entry("connection", "keep-alive"),
      new Headers.Entry("transfer-encoding", "chunked"),
      new Headers.Entry("x-wide", "\u20ac!"),
      new Headers.Entry("x-repeated", "a"),
      new Headers.Entry("x-repeated", "b")));

  private static String drain(EmbeddedChannel ch) {
    StringBuilder sb = new StringBuilder();
    Object o;
    while ((o = ch.readOutbound()) != null) {
      ByteBuf b = (ByteBuf) o;
      sb.append(b.toString(StandardCharsets.ISO_8859_1));
      ReferenceCountUtil.release(b);
    }
    return sb.toString();
  }

  private static String text(ByteBuf b) {
    try {
      return b.toString(StandardCharsets.ISO_8859_1);
    } finally {
      b.release();
    }
  }

  @ParameterizedTest
  @CsvSource({
      "GET, 200, true, hello", "GET, 200, false, hello", "HEAD, 200, true, hello", "HEAD, 204, true, x",
      "GET, 204, true, ''", "GET, 205, false, x", "HEAD, 205, true, x", "GET, 304, true, x",
      "GET, 100, true, x", "GET, 101, true, x", "GET, 404, false, ''", "GET, 503, true, upstream",
      "GET, 599, true, x", "GET, 999, false, x", "POST, 418, true, tea"})
  void responsesAreWhatNettysServerCodecWrites(String method, int status, boolean keepAlive, String body) {
    ResponseMessage m = new ResponseMessage(status, HEADERS, body.getBytes(StandardCharsets.UTF_8));
    EmbeddedChannel netty = new EmbeddedChannel(new HttpServerCodec());
    netty.writeInbound(Unpooled.copiedBuffer(method + " / HTTP/1.1\r\nhost: a\r\n\r\n",
        StandardCharsets.US_ASCII));
    Object decoded;
    while ((decoded = netty.readInbound()) != null) {
      ReferenceCountUtil.release(decoded);
    }
    netty.writeOutbound(Messages.toNetty(m, keepAlive));

    assertThat(text(RawHttp.response(ByteBufAllocator.DEFAULT, m, keepAlive, method.equals("HEAD"))))
        .isEqualTo(drain(netty));
  }

  @Test
  void aWebSocketSwitchHasNoBodyAsNettyWritesIt() {
    ResponseMessage m = new ResponseMessage(101, HEADERS.add("sec-websocket-version", "13"),
        "body".getBytes(StandardCharsets.UTF_8));
    EmbeddedChannel netty = new EmbeddedChannel(new HttpServerCodec());
    netty.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII));
    ReferenceCountUtil.release(netty.readInbound());
    ReferenceCountUtil.release(netty.readInbound());
    netty.writeOutbound(Messages.toNetty(m, true));

    assertThat(text(RawHttp.response(ByteBufAllocator.DEFAULT, m, true, false))).isEqualTo(drain(netty));
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /reviews/0?x=1, ''", "POST, /submit, 'a body'", "DELETE, '', ''",
      "GET, http://example.com, ''", "GET, http://example.com?q=1, ''", "GET, http://example.com/p?q=1, ''",
      "GET, /caf\u00e9, ''", "PUT, /x, ''"})
  void requestsAreWhatNettysClientCodecWrites(String method, String uri, String body) {
    Headers headers = HEADERS;
    if (method.equals("PUT")) {
      headers = Headers.of(List.of(new Headers.Entry("host", "h"), new Headers.Entry("content-length", "0")));
    }
    RequestMessage m = new RequestMessage(method, uri, headers, body.getBytes(StandardCharsets.UTF_8));
    EmbeddedChannel netty = new EmbeddedChannel(new HttpClientCodec());
    netty.writeOutbound(Messages.toNetty(m));

    assertThat(text(RawHttp.request(ByteBufAllocator.DEFAULT, m))).isEqualTo(drain(netty));
  }

  @Test
  void headerValuesThatWouldBreakTheLineAreRefused() {
    ResponseMessage m = new ResponseMessage(200, Headers.EMPTY.add("x-evil", "a\r\nset-cookie: b"), null);
    ResponseMessage name = new ResponseMessage(200, Headers.EMPTY.add("bad name", "v"), null);

    assertThatThrownBy(() -> RawHttp.response(ByteBufAllocator.DEFAULT, m, true, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RawHttp.response(ByteBufAllocator.DEFAULT, name, true, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
