package io.trafficlab.engine.dataplane;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;

/**
 * The socket transport. The native ones (io_uring, epoll) are runtime-only dependencies, so that
 * the engine compiles and runs anywhere, hence the reflection; each is used only when its native
 * library loads and the kernel allows it, else the next one is tried, down to NIO.
 */
record Transport(String name, IoHandlerFactory ioHandlerFactory,
    Class<? extends ServerChannel> serverChannelType, Class<? extends SocketChannel> channelType) {

  /** Picks the transport: {@code auto} (default), {@code io_uring}, {@code epoll} or {@code nio}. */
  static final String PROPERTY = "trafficlab.transport";

  static final Transport NIO = new Transport("nio", NioIoHandler.newFactory(),
      NioServerSocketChannel.class, NioSocketChannel.class);

  /**
   * The transport {@value #PROPERTY} asks for when it is available, else the best available one
   * (io_uring, then epoll, then NIO).
   */
  static Transport best() {
    String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    switch (wanted) {
      case "nio":
        return NIO;
      case "epoll":
        return orElse(epoll(), NIO);
      default: // "auto" and "io_uring"
        return orElse(ioUring(), orElse(epoll(), NIO));
    }
  }

  private static Transport orElse(Transport t, Transport fallback) {
    return t != null ? t : fallback;
  }

  private static Transport epoll() {
    return load("epoll", "io.netty.channel.epoll.Epoll", "io.netty.channel.epoll.EpollIoHandler",
        "io.netty.channel.epoll.EpollServerSocketChannel", "io.netty.channel.epoll.EpollSocketChannel");
  }

  private static Transport ioUring() {
    return load("io_uring", "io.netty.channel.uring.IoUring",
        "io.netty.channel.uring.IoUringIoHandler", "io.netty.channel.uring.IoUringServerSocketChannel",
        "io.netty.channel.uring.IoUringSocketChannel");
  }

  private static Transport load(String name, String probe, String handler, String server,
      String client) {
    try {
      if (!(Boolean) Class.forName(probe).getMethod("isAvailable").invoke(null)) {
        return null;
      }
      IoHandlerFactory factory = (IoHandlerFactory) Class.forName(handler)
          .getMethod("newFactory").invoke(null);
      return new Transport(name, factory, Class.forName(server).asSubclass(ServerChannel.class),
          Class.forName(client).asSubclass(SocketChannel.class));
    } catch (ReflectiveOperationException | LinkageError | ClassCastException unavailable) {
      return null;
    }
  }
}
