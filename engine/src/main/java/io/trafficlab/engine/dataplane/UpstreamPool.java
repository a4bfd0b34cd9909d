package io.trafficlab.engine.dataplane;

import io.trafficlab.engine.dataplane.http.ClientConnectionPool;
import io.trafficlab.engine.dataplane.http.ClientEndpoint;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The keep-alive connections of ONE calling proxy (a gateway or a sidecar) to pods, with counts of
 * open and active connections per pod so that connection-pool limits (Envoy circuit breakers, per
 * calling proxy and cluster) can be enforced by the core.
 *
 * <p>SSRF guard: it connects only to the addresses of the topology's pods given at construction.
 * Anything else (an unresolved name, a link-local metadata address, another loopback port) gives a
 * failed future with {@link UpstreamRefusedException}, before any socket exists.
 */
public final class UpstreamPool implements AutoCloseable {
  /** Response bodies from pods above this fail the exchange. */
  public static final int MAX_RESPONSE_BYTES = 1 << 20;

  private final EngineRuntime runtime;
  private final Set<InetSocketAddress> pods;
  /** One pool per event loop: a connection is used on the loop that owns it, never handed over. */
  private final Map<EventExecutor, ClientConnectionPool> pools = new ConcurrentHashMap<>();
  private final Set<EventExecutor> loops = new HashSet<>();
  private final EventExecutor firstLoop;
  private volatile boolean closed;

  /** A leased connection to one pod; return it with {@link #release}. */
  public static final class Lease {
    private final ClientConnectionPool pool;
    private final ClientConnectionPool.Lease lease;

    private Lease(ClientConnectionPool pool, ClientConnectionPool.Lease lease) {
      this.pool = pool;
      this.lease = lease;
    }

    public InetSocketAddress pod() {
      return lease.connection().endpoint().address();
    }

    /** Whether this connection carried a request before (keep-alive reuse). */
    public boolean reused() {
      return lease.reused();
    }

    /** Sends one request; cancelling the future abandons the exchange and closes the connection. */
    public CompletableFuture<ResponseMessage> send(RequestMessage request) {
      return lease.connection().send(request);
    }

    /** Closes the connection (e.g. after a timeout); still {@link #release} it afterwards. */
    public void abort() {
      lease.connection().close();
    }
  }

  public UpstreamPool(EngineRuntime runtime, Collection<InetSocketAddress> podAddresses) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.pods = Set.copyOf(podAddresses);
    runtime.group().forEach(loops::add);
    this.firstLoop = runtime.group().iterator().next();
  }

  /**
   * A connection to {@code pod}: idle if one exists, else a new one.
   *
   * @param connectTimeout simulated time (DestinationRule {@code tcp.connectTimeout})
   */
  public CompletableFuture<Lease> acquire(InetSocketAddress pod, Duration connectTimeout) {
    String refusal = refusal(pod);
    if (refusal != null) {
      return CompletableFuture.failedFuture(new UpstreamRefusedException(refusal));
    }
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("upstream pool closed"));
    }
    ClientConnectionPool pool = pool();
    return pool.acquire(ClientEndpoint.plain(pod), runtime.scheduler().toReal(connectTimeout))
        .thenApply(l -> new Lease(pool, l));
  }

  /** Gives a connection back (kept for reuse if the last response allowed keep-alive). */
  public void release(Lease lease) {
    lease.pool.release(lease.lease);
  }

  /**
   * The pool of the calling event loop, so that a proxy's upstream connection lives on the thread
   * of the downstream request (no hand-over per request, as in Netty's proxy example); callers off
   * the runtime's loops all share the first loop's pool.
   */
  private ClientConnectionPool pool() {
    EventExecutor current = ThreadExecutorMap.currentExecutor();
    EventExecutor loop = current != null && loops.contains(current) ? current : firstLoop;
    ClientConnectionPool p = pools.get(loop);
    return p != null ? p : pools.computeIfAbsent(loop,
        l -> new ClientConnectionPool(runtime, (EventLoop) l, MAX_RESPONSE_BYTES, 1024));
  }

  /**
   * acquire → send → release. Cancelling the returned future before the response arrives closes the
   * connection used (a timed-out exchange never returns to the pool).
   */
  public CompletableFuture<ResponseMessage> forward(InetSocketAddress pod, RequestMessage request,
      Duration connectTimeout) {
    CompletableFuture<ResponseMessage> result = new CompletableFuture<>();
    acquire(pod, connectTimeout).whenComplete((lease, error) -> {
      if (error != null) {
        result.completeExceptionally(unwrap(error));
        return;
      }
      if (result.isDone()) {
        lease.abort();
        release(lease);
        return;
      }
      CompletableFuture<ResponseMessage> sent = lease.send(request);
      result.whenComplete((r, e) -> {
        if (e != null) {
          sent.cancel(false);
        }
      });
      sent.whenComplete((response, sendError) -> {
        release(lease);
        if (sendError != null) {
          result.completeExceptionally(unwrap(sendError));
        } else {
          result.complete(response);
        }
      });
    });
    return result;
  }

  private String refusal(InetSocketAddress address) {
    if (address == null) {
      return "refusing to connect: no address";
    }
    if (address.isUnresolved()) {
      return "refusing to connect to " + address.getHostString() + ":" + address.getPort()
          + ": not a pod of this topology (names are never resolved)";
    }
    if (!address.getAddress().isLoopbackAddress() || !pods.contains(address)) {
      return "refusing to connect to " + address.getAddress().getHostAddress() + ":"
          + address.getPort() + ": not a pod of this topology";
    }
    return null;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof java.util.concurrent.CompletionException && t.getCause() != null
        ? t.getCause() : t;
  }

  public int openConnections(InetSocketAddress pod) {
    return pools.values().stream().mapToInt(p -> p.openConnections(ClientEndpoint.plain(pod))).sum();
  }

  public int activeConnections(InetSocketAddress pod) {
    return pools.values().stream().mapToInt(p -> p.activeConnections(ClientEndpoint.plain(pod)))
        .sum();
  }

  public int openConnections() {
    return pools.values().stream().mapToInt(ClientConnectionPool::openConnections).sum();
  }

  public int activeConnections() {
    return pools.values().stream().mapToInt(ClientConnectionPool::activeConnections).sum();
  }

  /** Connections opened since creation. */
  public long connectionsOpened() {
    return pools.values().stream().mapToLong(ClientConnectionPool::connectionsOpened).sum();
  }

  @Override
  public void close() {
    closed = true;
    pools.values().forEach(ClientConnectionPool::close);
  }
}
