package io.trafficlab.engine.dataplane.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Sits between the HTTP decoder and {@code HttpObjectAggregator} and does the aggregator's work for
 * the common case in a few allocations: a message whose whole body (often none) came as the single
 * {@link LastHttpContent} right after its head, without trailers, {@code expect} or
 * {@code transfer-encoding}, and within the size limit. It becomes the full message the aggregator
 * would have made (same headers, {@code content-length} added when missing, the content itself, no
 * copy). Anything else goes to the aggregator exactly as it came, head first.
 *
 * <p>All state is touched on the channel's event loop only.
 */
final class WholeMessages extends ChannelInboundHandlerAdapter {
  private final int maxContentLength;
  private HttpMessage head;

  WholeMessages(int maxContentLength) {
    this.maxContentLength = maxContentLength;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    HttpMessage pending = head;
    if (pending != null) {
      head = null;
      if (msg instanceof LastHttpContent last && fits(last)) {
        ctx.fireChannelRead(whole(pending, last.content()));
      } else {
        ctx.fireChannelRead(pending);
        ctx.fireChannelRead(msg);
      }
      return;
    }
    if (msg instanceof HttpMessage m && !(msg instanceof HttpContent) && simple(m)) {
      head = m;
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private boolean simple(HttpMessage m) {
    if (!m.decoderResult().isSuccess() || m.headers().contains(HttpHeaderNames.EXPECT)
        || m.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      return false;
    }
    String length = m.headers().get(HttpHeaderNames.CONTENT_LENGTH);
    if (length == null) {
      return true;
    }
    try {
      long n = Long.parseLong(length.trim());
      return n >= 0 && n <= maxContentLength;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private boolean fits(LastHttpContent last) {
    return last.decoderResult().isSuccess() && last.trailingHeaders().isEmpty()
        && last.content().readableBytes() <= maxContentLength;
  }

  /** What the aggregator makes: the head's headers, {@code content-length} set when missing. */
  private static FullHttpMessage whole(HttpMessage head, ByteBuf content) {
    FullHttpMessage full;
    if (head instanceof HttpRequest r) {
      full = new DefaultFullHttpRequest(r.protocolVersion(), r.method(), r.uri(), content,
          r.headers(), LastHttpContent.EMPTY_LAST_CONTENT.trailingHeaders());
    } else {
      HttpResponse r = (HttpResponse) head;
      full = new DefaultFullHttpResponse(r.protocolVersion(), r.status(), content, r.headers(),
          LastHttpContent.EMPTY_LAST_CONTENT.trailingHeaders());
    }
    full.setDecoderResult(head.decoderResult());
    if (!full.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      full.headers().set(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(content.readableBytes()));
    }
    return full;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    head = null; // a head without its body is dropped, as the aggregator drops it (it holds no buffer)
    ctx.fireChannelInactive();
  }
}
