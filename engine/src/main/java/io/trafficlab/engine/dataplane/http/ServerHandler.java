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
 * writes its response. Requests are answered one at a time, in order: pipelined ones wait in a queue.
 * The socket is read as data comes (no re-arming of the read interest per request, which costs two
 * system calls each time), until {@value #MAX_QUEUED} requests wait: then reading stops until the
 * queue drains, so a slow handler still pushes back on the client.
 *
 * <p>All fields are touched only on this channel's event loop, hence no synchronisation.
 */
final class ServerHandler extends ChannelInboundHandlerAdapter {
  /** Pipelined requests read ahead at most. */
  static final int MAX_QUEUED = 16;
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
      if (queued.size() >= MAX_QUEUED) {
        ctx.channel().config().setAutoRead(false);
      }
    } else {
      process(ctx, request);
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
      info = new ConnectionInfo(tls, sniHostName,
          ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : null);
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
          if (queued.size() < MAX_QUEUED / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
          }
          if (next != null) {
            process(ctx, next);
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
