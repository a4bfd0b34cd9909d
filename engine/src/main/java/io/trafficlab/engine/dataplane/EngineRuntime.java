package io.trafficlab.engine.dataplane;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Owns the one shared event-loop group (io_uring or epoll when available, else NIO, see
 * {@link Transport#best}; 2 threads by default) and
 * the {@link EventLoopScheduler} over it. Every server, client and pool of the data plane and the
 * simulator runs on it. {@link #close()} stops the threads and waits for them; channels still open
 * then are closed by Netty.
 */
public final class EngineRuntime implements AutoCloseable {
  /** Name prefix of the event-loop threads (tests look for leaks by it). */
  public static final String THREAD_PREFIX = "trafficlab-io";

  private final EventLoopGroup group;
  private final Transport transport;
  private final EventLoopScheduler scheduler;

  private EngineRuntime(int threads, double timeScale, boolean preferNative) {
    this.transport = preferNative ? Transport.best() : Transport.NIO;
    // Daemon threads: a runtime that someone forgot to close must not keep the JVM alive.
    this.group = new MultiThreadIoEventLoopGroup(threads,
        new DefaultThreadFactory(THREAD_PREFIX, true), transport.ioHandlerFactory());
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
