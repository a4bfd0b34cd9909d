package io.trafficlab.engine.dataplane.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslHandler;
import io.trafficlab.engine.dataplane.EngineRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * One HTTP/1.1 client connection: [TLS with SNI] → HttpClientCodec → HttpObjectAggregator →
 * response handler; requests are written with {@link RawHttp} (HEAD and CONNECT through the codec). One request at a time; after a keep-alive response it may carry the next one.
 */
public final class ClientConnection {
  private final Channel channel;
  private final ClientEndpoint endpoint;
  private final ResponseHandler handler;

  private ClientConnection(Channel channel, ClientEndpoint endpoint, ResponseHandler handler) {
    this.channel = channel;
    this.endpoint = endpoint;
    this.handler = handler;
  }

  /**
   * Connects; {@code connectTimeout} is real time (convert simulated durations with
   * {@link io.trafficlab.engine.dataplane.EventLoopScheduler#toReal}).
   */
  public static CompletableFuture<ClientConnection> connect(EngineRuntime runtime,
      ClientEndpoint endpoint, Duration connectTimeout, int maxContentLength) {
    return connect(runtime, runtime.group(), endpoint, connectTimeout, maxContentLength);
  }

  /**
   * Connects on {@code loops} (one event loop of the runtime, to keep a proxy's upstream
   * connections on the thread of its downstream ones, or the whole group).
   */
  public static CompletableFuture<ClientConnection> connect(EngineRuntime runtime,
      io.netty.channel.EventLoopGroup loops, ClientEndpoint endpoint, Duration connectTimeout,
      int maxContentLength) {
    ResponseHandler handler = new ResponseHandler();
    int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    Bootstrap b = new Bootstrap()
        .group(loops)
        .channel(runtime.channelType())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMs)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            if (endpoint.tls()) {
              p.addLast("ssl", sslHandler(ch, endpoint));
            }
            p.addLast(RawHttp.HANDLER_NAME, RawHttp.handler());
            p.addLast("codec", new HttpClientCodec());
            p.addLast("whole", new WholeMessages(maxContentLength));
            p.addLast("aggregator", new HttpObjectAggregator(maxContentLength));
            p.addLast("handler", handler);
          }
        });
    InetAddress remote = endpoint.address().getAddress();
    if (remote == null || !remote.isLoopbackAddress()) {
      io.netty.channel.ChannelFuture f = b.connect(endpoint.address());
      return ChannelFutures.toCompletable(f, f.channel())
          .thenApply(ch -> new ClientConnection(ch, endpoint, handler));
    }
    CompletableFuture<ClientConnection> connected = new CompletableFuture<>();
    io.netty.channel.ChannelFuture registered = b.register();
    Channel ch = registered.channel();
    // register → bind to loopback → tell the runtime (its server side then runs on this loop) →
    // connect. Binding first is what gives the local port before the server can accept.
    registered.addListener((ChannelFutureListener) r -> {
      if (!r.isSuccess()) {
        connected.completeExceptionally(r.cause());
        return;
      }
      ch.bind(new InetSocketAddress(remote, 0))
          .addListener((ChannelFutureListener) bound -> {
            if (!bound.isSuccess()) {
              ChannelFutures.close(ch);
              connected.completeExceptionally(bound.cause());
              return;
            }
            runtime.registerLocalClient(ch);
            ch.connect(endpoint.address()).addListener((ChannelFutureListener) c -> {
              if (c.isSuccess()) {
                connected.complete(new ClientConnection(ch, endpoint, handler));
              } else {
                ChannelFutures.close(ch);
                connected.completeExceptionally(c.cause());
              }
            });
          });
    });
    return connected;
  }

  private static SslHandler sslHandler(SocketChannel ch, ClientEndpoint endpoint) {
    String sni = endpoint.sniHostName();
    SslHandler ssl = endpoint.ssl().newHandler(ch.alloc(), sni == null ? null : sni,
        endpoint.address().getPort());
    if (sni != null) {
      SSLEngine engine = ssl.engine();
      SSLParameters params = engine.getSSLParameters();
      try {
        params.setServerNames(List.of(new SNIHostName(sni)));
        engine.setSSLParameters(params);
      } catch (IllegalArgumentException notAHostName) {
        // An IP literal or an invalid name cannot be sent as SNI; the handshake goes without it.
      }
    }
    return ssl;
  }

  public ClientEndpoint endpoint() {
    return endpoint;
  }

  Channel channel() {
    return channel;
  }

  /**
   * Sends one request; the future completes with the full response, or fails when the connection
   * breaks first. Cancelling or failing the returned future from outside closes the connection (a
   * late response must not be read as the answer to a later request).
   */
  public CompletableFuture<ResponseMessage> send(RequestMessage request) {
    CompletableFuture<ResponseMessage> result = new CompletableFuture<>();
    if (channel.eventLoop().inEventLoop()) {
      handler.send(channel, request, result);
    } else {
      channel.eventLoop().execute(() -> handler.send(channel, request, result));
    }
    result.whenComplete((r, e) -> {
      if (e != null) {
        ChannelFutures.close(channel);
      }
    });
    return result;
  }

  /** True when the connection is open, idle and the last response allowed keep-alive. */
  public boolean isReusable() {
    return channel.isActive() && handler.reusable;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** The TLS session once the handshake is done (empty for plain text). */
  public Optional<SSLSession> sslSession() {
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    return ssl == null ? Optional.empty() : Optional.ofNullable(ssl.engine().getSession());
  }

  /** Completes when the channel has closed. */
  public CompletableFuture<Void> closeFuture() {
    return ChannelFutures.toCompletable(channel.closeFuture(), null);
  }

  public void close() {
    ChannelFutures.close(channel);
  }

  /** Fields touched on the event loop only, except {@code reusable}, read from other threads. */
  private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private CompletableFuture<ResponseMessage> pending;
    private volatile boolean reusable = true;

    void send(Channel channel, RequestMessage request, CompletableFuture<ResponseMessage> result) {
      if (pending != null) {
        result.completeExceptionally(new IllegalStateException("a request is already in flight"));
        return;
      }
      if (!channel.isActive()) {
        result.completeExceptionally(new StaleConnectionException());
        return;
      }
      pending = result;
      reusable = false;
      // The client codec must see HEAD and CONNECT requests to frame their responses.
      io.netty.channel.ChannelFuture written;
      try {
        written = RawHttp.needsCodec(request.method()) ? channel.writeAndFlush(Messages.toNetty(request))
            : channel.pipeline().context(RawHttp.HANDLER_NAME).writeAndFlush(
                RawHttp.request(channel.alloc(), request));
      } catch (IllegalArgumentException badHeader) {
        fail(new IOException("invalid request: " + badHeader.getMessage(), badHeader));
        ChannelFutures.close(channel);
        return;
      }
      written.addListener((ChannelFutureListener) f -> {
        if (!f.isSuccess()) {
          fail(new IOException("write failed: " + f.cause(), f.cause()));
        }
      });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      CompletableFuture<ResponseMessage> p = pending;
      pending = null;
      if (p == null) {
        // An unsolicited response: the connection is out of step and cannot be trusted.
        ChannelFutures.close(ctx);
        return;
      }
      ResponseMessage message;
      try {
        message = Messages.toMessage(response);
      } catch (IllegalArgumentException badStatus) {
        ChannelFutures.close(ctx);
        p.completeExceptionally(new IOException("invalid response: " + badStatus.getMessage()));
        return;
      }
      reusable = HttpUtil.isKeepAlive(response) && !response.decoderResult().isFailure();
      p.complete(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      reusable = false;
      fail(new IOException("connection closed before the response"));
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      reusable = false;
      fail(cause instanceof IOException ? cause : new IOException(cause.toString(), cause));
      ChannelFutures.close(ctx);
    }

    private void fail(Throwable cause) {
      CompletableFuture<ResponseMessage> p = pending;
      pending = null;
      if (p != null) {
        p.completeExceptionally(cause);
      }
    }
  }
}
