package io.trafficlab.engine.dataplane;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The socket transport: epoll when its native library loads, else NIO. Epoll's classes are a
 * runtime-only dependency (so that the engine compiles and runs anywhere), hence the reflection.
 */
record Transport(String name, IoHandlerFactory ioHandlerFactory,
    Class<? extends ServerChannel> serverChannelType, Class<? extends SocketChannel> channelType) {

  static final Transport NIO = new Transport("nio", NioIoHandler.newFactory(),
      NioServerSocketChannel.class, NioSocketChannel.class);

  /** Epoll if available, else NIO. */
  static Transport best() {
    try {
      Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll");
      if (!(Boolean) epoll.getMethod("isAvailable").invoke(null)) {
        return NIO;
      }
      IoHandlerFactory factory = (IoHandlerFactory) Class.forName(
          "io.netty.channel.epoll.EpollIoHandler").getMethod("newFactory").invoke(null);
      return new Transport("epoll", factory,
          Class.forName("io.netty.channel.epoll.EpollServerSocketChannel")
              .asSubclass(ServerChannel.class),
          Class.forName("io.netty.channel.epoll.EpollSocketChannel")
              .asSubclass(SocketChannel.class));
    } catch (ReflectiveOperationException | LinkageError | ClassCastException unavailable) {
      return NIO;
    }
  }
}
