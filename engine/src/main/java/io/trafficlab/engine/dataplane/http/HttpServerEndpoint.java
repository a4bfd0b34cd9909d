package io.trafficlab.engine.dataplane.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SniHandler;
import io.trafficlab.engine.dataplane.EngineRuntime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 keep-alive server on 127.0.0.1 with an ephemeral port: [SNI/TLS] → request decoder →
 * HttpObjectAggregator (capped) → {@link ServerHandler}, which writes responses with {@link RawHttp}. Used for synthetic pods and for data-plane
 * listeners alike. {@link #close()} closes the listening socket and every accepted connection.
 */
public final class HttpServerEndpoint {
  private final Channel serverChannel;
  private final ChannelGroup children;
  private final AtomicInteger accepted;

  private HttpServerEndpoint(Channel serverChannel, ChannelGroup children, AtomicInteger accepted) {
    this.serverChannel = serverChannel;
    this.children = children;
    this.accepted = accepted;
  }

  /** Binds 127.0.0.1 on an ephemeral port. */
  public static CompletableFuture<HttpServerEndpoint> bind(EngineRuntime runtime,
      HttpHandler handler, ServerOptions options) {
    Objects.requireNonNull(handler, "handler");
    ChannelGroup children = new DefaultChannelGroup("http-server", runtime.group().next());
    AtomicInteger accepted = new AtomicInteger();
    ServerBootstrap b = new ServerBootstrap()
        .group(runtime.group())
        .channel(runtime.serverChannelType())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            children.add(ch);
            accepted.incrementAndGet();
            ChannelPipeline p = ch.pipeline();
            if (options.tls() != null) {
              p.addLast("sni", new SniHandler(options.tls()));
            }
            p.addLast(RawHttp.HANDLER_NAME, RawHttp.handler());
            p.addLast("decoder", new HttpRequestDecoder());
            // Only the aggregator's own replies (100 Continue, 413, 417) go through the encoder.
            p.addLast("encoder", new HttpResponseEncoder());
            p.addLast("whole", new WholeMessages(options.maxContentLength()));
            p.addLast("aggregator", new HttpObjectAggregator(options.maxContentLength()));
            p.addLast("handler", new ServerHandler(handler, options.tls() != null));
          }
        });
    InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    io.netty.channel.ChannelFuture bound = b.bind(local);
    return ChannelFutures.toCompletable(bound, bound.channel())
        .thenApply(ch -> new HttpServerEndpoint(ch, children, accepted));
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** {@code 127.0.0.1:40001}. */
  public String hostPort() {
    InetSocketAddress a = address();
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /** Connections accepted since start (a keep-alive client opens one for many requests). */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /** Connections currently open. */
  public int openConnections() {
    return children.size();
  }

  /** Closes the listening socket, then every accepted connection. */
  public CompletableFuture<Void> close() {
    CompletableFuture<Channel> server = ChannelFutures.toCompletable(serverChannel.close(),
        serverChannel);
    CompletableFuture<Void> all = new CompletableFuture<>();
    server.whenComplete((c, e) -> children.close().addListener(f -> all.complete(null)));
    return all;
  }
}
