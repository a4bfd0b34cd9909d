package io.trafficlab.engine.dataplane.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One downstream HTTP/1.1 connection: hands each aggregated request to the {@link HttpHandler} and
 * writes its response. Reads are manual (AUTO_READ off): the next read is asked only once the
 * current response is written, so a slow handler pushes back on the client. Pipelined requests that
 * arrive in one read are queued and answered in order.
 *
 * <p>All fields are touched only on this channel's event loop, hence no synchronisation.
 */
final class ServerHandler extends ChannelInboundHandlerAdapter {
  private final HttpHandler handler;
  private final boolean tls;
  private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
  private boolean busy;
  private String sniHostName;
  private ConnectionInfo connection;

  ServerHandler(HttpHandler handler, boolean tls) {
    this.handler = handler;
    this.tls = tls;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.read();
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SniCompletionEvent sni && sni.isSuccess()) {
      sniHostName = sni.hostname();
    } else if (evt instanceof SslHandshakeCompletionEvent hs && !hs.isSuccess()) {
      ChannelFutures.close(ctx);
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (busy) {
      queued.add(request);
    } else {
      process(ctx, request);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // The aggregator may need several reads for one request: keep reading until one is complete.
    if (!busy) {
      ctx.read();
    }
  }

  private void process(ChannelHandlerContext ctx, FullHttpRequest request) {
    busy = true;
    if (request.decoderResult().isFailure()) {
      request.release();
      respond(ctx, ResponseMessage.text(400, "bad request"), false, false);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean head = HttpMethod.HEAD.equals(request.method());
    RequestMessage message;
    try {
      message = Messages.toMessage(request);
    } finally {
      request.release();
    }
    ConnectionInfo info = connection;
    if (info == null) {
      // The peer and SNI name are the connection's: SNI is known before the first request.
      info = new ConnectionInfo(tls, sniHostName, (InetSocketAddress) ctx.channel().remoteAddress());
      connection = info;
    }
    CompletionStage<ResponseMessage> stage;
    try {
      stage = handler.handle(info, message);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((response, error) -> {
      ResponseMessage out = error != null || response == null
          ? ResponseMessage.text(500, "internal error") : response;
      if (ctx.executor().inEventLoop()) {
        respond(ctx, out, keepAlive, head);
      } else {
        ctx.executor().execute(() -> respond(ctx, out, keepAlive, head));
      }
    });
  }

  private void respond(ChannelHandlerContext ctx, ResponseMessage response, boolean keepAlive,
      boolean head) {
    if (!ctx.channel().isActive()) {
      releaseQueued();
      return;
    }
    io.netty.buffer.ByteBuf encoded;
    try {
      encoded = RawHttp.response(ctx.alloc(), response, keepAlive, head);
    } catch (IllegalArgumentException badHeader) {
      encoded = RawHttp.response(ctx.alloc(), ResponseMessage.text(500, "internal error"), false, head);
      keepAlive = false;
    }
    boolean keep = keepAlive;
    RawHttp.writeAndFlush(ctx, encoded)
        .addListener((ChannelFutureListener) f -> {
          if (!f.isSuccess() || !keep) {
            ChannelFutures.close(ctx);
            return;
          }
          busy = false;
          FullHttpRequest next = queued.poll();
          if (next != null) {
            process(ctx, next);
          } else {
            ctx.read();
          }
        });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseQueued();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Decoder and TLS errors end the connection; nothing useful can be answered on it.
    ChannelFutures.close(ctx);
  }

  private void releaseQueued() {
    FullHttpRequest r;
    while ((r = queued.poll()) != null) {
      r.release();
    }
  }
}
