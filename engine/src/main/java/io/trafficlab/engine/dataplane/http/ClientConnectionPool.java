package io.trafficlab.engine.dataplane.http;

import io.trafficlab.engine.dataplane.EngineRuntime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Keep-alive connections per {@link ClientEndpoint}. {@link #acquire} hands out an idle open
 * connection or opens a new one; {@link #release} puts a reusable connection back (or closes it).
 * Counts per endpoint: open (connected, not yet closed) and active (handed out, not released).
 *
 * <p>State is guarded by {@code this}: acquire and release come from several event loops and from
 * callers' threads, and the critical sections are tiny.
 */
public final class ClientConnectionPool implements AutoCloseable {
  private final EngineRuntime runtime;
  private final io.netty.channel.EventLoopGroup loops;
  private final int maxContentLength;
  private final int maxIdlePerEndpoint;
  private final Map<ClientEndpoint, Slot> slots = new HashMap<>();
  private long connectionsOpened;
  private boolean closed;

  /** One connection handed out by {@link #acquire}; give it back with {@link #release}. */
  public record Lease(ClientConnection connection, boolean reused) {}

  private static final class Slot {
    final ArrayDeque<ClientConnection> idle = new ArrayDeque<>();
    int open;
    int active;
  }

  public ClientConnectionPool(EngineRuntime runtime, int maxContentLength, int maxIdlePerEndpoint) {
    this(runtime, runtime.group(), maxContentLength, maxIdlePerEndpoint);
  }

  /** A pool whose connections all live on {@code loops} (e.g. a single event loop). */
  public ClientConnectionPool(EngineRuntime runtime, io.netty.channel.EventLoopGroup loops,
      int maxContentLength, int maxIdlePerEndpoint) {
    this.runtime = runtime;
    this.loops = loops;
    this.maxContentLength = maxContentLength;
    this.maxIdlePerEndpoint = maxIdlePerEndpoint;
  }

  /** An idle connection to {@code endpoint}, or a new one ({@code connectTimeout} is real time). */
  public CompletableFuture<Lease> acquire(ClientEndpoint endpoint, Duration connectTimeout) {
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("pool closed"));
      }
      Slot slot = slots.computeIfAbsent(endpoint, e -> new Slot());
      ClientConnection c;
      while ((c = slot.idle.pollLast()) != null) {
        if (c.isReusable()) {
          slot.active++;
          return CompletableFuture.completedFuture(new Lease(c, true));
        }
        c.close();
      }
      slot.active++;
    }
    return ClientConnection.connect(runtime, loops, endpoint, connectTimeout, maxContentLength)
        .handle((conn, error) -> {
          synchronized (this) {
            Slot slot = slots.get(endpoint);
            if (error != null) {
              slot.active--;
              throw error instanceof RuntimeException re ? re
                  : new java.util.concurrent.CompletionException(error);
            }
            slot.open++;
            connectionsOpened++;
            if (closed) {
              conn.close();
            }
          }
          conn.closeFuture().whenComplete((v, e) -> onClosed(conn));
          return new Lease(conn, false);
        });
  }

  private synchronized void onClosed(ClientConnection conn) {
    Slot slot = slots.get(conn.endpoint());
    slot.open--;
    slot.idle.remove(conn);
  }

  /** Gives a connection back: kept idle when it can carry another request, closed otherwise. */
  public void release(Lease lease) {
    ClientConnection c = lease.connection();
    synchronized (this) {
      Slot slot = slots.get(c.endpoint());
      slot.active--;
      if (!closed && c.isReusable() && slot.idle.size() < maxIdlePerEndpoint) {
        slot.idle.addLast(c);
        return;
      }
    }
    c.close();
  }

  /** Connected, not yet closed connections to {@code endpoint} (idle and active). */
  public synchronized int openConnections(ClientEndpoint endpoint) {
    Slot s = slots.get(endpoint);
    return s == null ? 0 : s.open;
  }

  /** Connections to {@code endpoint} handed out and not released (incl. ones still connecting). */
  public synchronized int activeConnections(ClientEndpoint endpoint) {
    Slot s = slots.get(endpoint);
    return s == null ? 0 : s.active;
  }

  public synchronized int openConnections() {
    return slots.values().stream().mapToInt(s -> s.open).sum();
  }

  public synchronized int activeConnections() {
    return slots.values().stream().mapToInt(s -> s.active).sum();
  }

  /** Connections opened since the pool was created. */
  public synchronized long connectionsOpened() {
    return connectionsOpened;
  }

  /** Closes idle connections and refuses new acquisitions; leased ones close on release. */
  @Override
  public void close() {
    java.util.List<ClientConnection> idle = new java.util.ArrayList<>();
    synchronized (this) {
      closed = true;
      slots.values().forEach(s -> idle.addAll(s.idle));
      slots.values().forEach(s -> s.idle.clear());
    }
    idle.forEach(ClientConnection::close);
  }
}
