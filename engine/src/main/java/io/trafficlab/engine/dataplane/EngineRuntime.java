package io.trafficlab.engine.dataplane;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Owns the one shared event-loop group (io_uring or epoll when available, else NIO, see
 * {@link Transport#best}; 2 threads by default) and the {@link EventLoopScheduler} over it. Every server, client and pool of the data plane and the
 * simulator runs on it.
 *
 * <p>Loop affinity: a connection between two endpoints of this runtime (client → sidecar or
 * gateway listener, proxy → pod) is served on the event loop of its client side. Clients say so
 * with {@link #registerLocalClient} before connecting; the group then registers the accepted
 * channel on that loop instead of the next one in turn. A request chain (traffic client → proxy →
 * pod and back) thus stays on one thread, as in Netty's proxy example, and no hop wakes another
 * thread; connections from outside the runtime are spread over the loops as usual.
 *
 * <p>{@link #close()} stops the threads and waits for them; channels still open then are closed by
 * Netty.
 */
public final class EngineRuntime implements AutoCloseable {
  /** Name prefix of the event-loop threads (tests look for leaks by it). */
  public static final String THREAD_PREFIX = "trafficlab-io";

  private final EventLoopGroup group;
  /** Loopback client channels of this runtime by local port, until their server side is accepted. */
  private final ConcurrentHashMap<Integer, Channel> localClients = new ConcurrentHashMap<>();
  private final Transport transport;
  private final EventLoopScheduler scheduler;

  private EngineRuntime(int threads, double timeScale, boolean preferNative) {
    this.transport = preferNative ? Transport.best() : Transport.NIO;
    // Daemon threads: a runtime that someone forgot to close must not keep the JVM alive.
    this.group = new MultiThreadIoEventLoopGroup(threads,
        new DefaultThreadFactory(THREAD_PREFIX, true), transport.ioHandlerFactory()) {
      @Override
      public ChannelFuture register(Channel channel) {
        EventLoop loop = clientLoop(channel);
        return loop != null ? loop.register(channel) : super.register(channel);
      }
    };
    this.scheduler = new EventLoopScheduler(group, timeScale);
  }

  /** Event loops of {@link #start(double)}: the system property {@value #THREADS_PROPERTY}, else 2. */
  public static final String THREADS_PROPERTY = "trafficlab.ioThreads";

  /** A runtime with 2 event loops (or {@value #THREADS_PROPERTY}, 1..64). */
  public static EngineRuntime start(double timeScale) {
    int threads = Integer.getInteger(THREADS_PROPERTY, 2);
    return new EngineRuntime(Math.max(1, Math.min(64, threads)), timeScale, true);
  }

  /** @param preferNative false forces NIO, true takes {@link Transport#best} */
  public static EngineRuntime start(int threads, double timeScale, boolean preferNative) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
    }
    return new EngineRuntime(threads, timeScale, preferNative);
  }

  /**
   * Declares {@code client}, bound to a loopback address and about to connect to a server of this
   * runtime, so that the server side is served on the client's event loop. Forgotten when the
   * server side is accepted or the client closes.
   */
  public void registerLocalClient(Channel client) {
    if (client.localAddress() instanceof InetSocketAddress local) {
      int port = local.getPort();
      localClients.put(port, client);
      client.closeFuture().addListener(f -> localClients.remove(port, client));
    }
  }

  /** The event loop of the local client at the other end of an accepted {@code channel}, or null. */
  private EventLoop clientLoop(Channel channel) {
    if (localClients.isEmpty() || channel.parent() == null
        || !(channel.remoteAddress() instanceof InetSocketAddress remote)
        || remote.getAddress() == null || !remote.getAddress().isLoopbackAddress()) {
      return null;
    }
    Channel client = localClients.remove(remote.getPort());
    return client == null ? null : client.eventLoop();
  }

  /** Local clients whose server side has not been accepted yet (for tests). */
  int pendingLocalClients() {
    return localClients.size();
  }

  public EventLoopGroup group() {
    return group;
  }

  public EventLoopScheduler scheduler() {
    return scheduler;
  }

  /** {@code io_uring}, {@code epoll} or {@code nio}. */
  public String transportName() {
    return transport.name();
  }

  public Class<? extends ServerChannel> serverChannelType() {
    return transport.serverChannelType();
  }

  public Class<? extends SocketChannel> channelType() {
    return transport.channelType();
  }

  public boolean isShuttingDown() {
    return group.isShuttingDown();
  }

  /** Stops the event loops (no quiet period) and waits up to 5 s for their threads to end. */
  @Override
  public void close() {
    Future<?> f = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    f.awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
