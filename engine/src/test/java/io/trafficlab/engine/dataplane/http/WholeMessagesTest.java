package io.trafficlab.engine.dataplane.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shortcut hands on exactly what the aggregator alone makes, for any input. */
class WholeMessagesTest {
  private static final int MAX = 64;

  /** What comes out of a pipeline: each full message rendered as text, then what it wrote back. */
  private static List<String> run(Supplier<ChannelHandler> decoder, boolean withShortcut, String... reads) {
    List<ChannelHandler> handlers = new ArrayList<>();
    handlers.add(new HttpResponseEncoder());
    handlers.add(decoder.get());
    if (withShortcut) {
      handlers.add(new WholeMessages(MAX));
    }
    handlers.add(new HttpObjectAggregator(MAX));
    EmbeddedChannel ch = new EmbeddedChannel(handlers.toArray(ChannelHandler[]::new));
    List<String> out = new ArrayList<>();
    for (String r : reads) {
      try {
        ch.writeInbound(Unpooled.copiedBuffer(r, StandardCharsets.ISO_8859_1));
      } catch (RuntimeException e) {
        out.add("raised " + e.getClass().getSimpleName());
      }
      Object m;
      while ((m = ch.readInbound()) != null) {
        out.add(render(m));
        ReferenceCountUtil.release(m);
      }
      while ((m = ch.readOutbound()) != null) {
        out.add("written: " + ((ByteBuf) m).toString(StandardCharsets.ISO_8859_1));
        ReferenceCountUtil.release(m);
      }
    }
    try {
      ch.finishAndReleaseAll();
    } catch (RuntimeException e) {
      out.add("raised at close " + e.getClass().getSimpleName());
    }
    return out;
  }

  private static String render(Object m) {
    if (!(m instanceof FullHttpMessage f)) {
      return m.getClass().getSimpleName();
    }
    String start = f instanceof FullHttpRequest r ? r.method() + " " + r.uri()
        : String.valueOf(((FullHttpResponse) f).status());
    return f.getClass().getInterfaces().length + " " + start + " " + f.protocolVersion() + " "
        + f.decoderResult().isSuccess() + " " + f.headers().entries() + " trailers "
        + f.trailingHeaders().entries() + " body " + f.content().toString(StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
      "GET /x HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\nGET /y HTTP/1.1\r\n\r\n",
      "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
      "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhe|llo",
      "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
      "POST /p HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + "x",
      "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nx-trailer: t\r\n\r\n",
      "POST /p HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n|abc",
      "POST /p HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 300\r\n\r\n",
      "POST /p HTTP/1.1\r\nContent-Length: x\r\n\r\n",
      "GET /bad HTTP/1.1\r\nbad header\r\n\r\n",
      "HEAD /h HTTP/1.1\r\nHost: a\r\n\r\n|GET /next HTTP/1.1\r\n\r\n"})
  void requestsComeOutAsTheAggregatorAloneMakesThem(String input) {
    String[] reads = input.split("\\|");

    assertThat(run(HttpRequestDecoder::new, true, reads))
        .isEqualTo(run(HttpRequestDecoder::new, false, reads)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}",
      "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 19\r\n\r\nno healthy |upstream",
      "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 1\r\n\r\nx",
      "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
      "HTTP/1.1 200 OK\r\ncontent-length: 500\r\n\r\nxx"})
  void responsesComeOutAsTheAggregatorAloneMakesThem(String input) {
    String[] reads = input.split("\\|");

    assertThat(run(HttpResponseDecoder::new, true, reads))
        .isEqualTo(run(HttpResponseDecoder::new, false, reads)).isNotEmpty();
  }
}
