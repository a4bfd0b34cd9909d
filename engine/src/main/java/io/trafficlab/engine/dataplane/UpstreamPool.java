package io.trafficlab.engine.dataplane;

import io.trafficlab.engine.dataplane.http.ClientConnectionPool;
import io.trafficlab.engine.dataplane.http.ClientEndpoint;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
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
  private final ClientConnectionPool pool;

  /** A leased connection to one pod; return it with {@link #release}. */
  public static final class Lease {
    private final ClientConnectionPool.Lease lease;

    private Lease(ClientConnectionPool.Lease lease) {
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
    this.pool = new ClientConnectionPool(runtime, MAX_RESPONSE_BYTES, 1024);
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
    return pool.acquire(ClientEndpoint.plain(pod), runtime.scheduler().toReal(connectTimeout))
        .thenApply(Lease::new);
  }

  /** Gives a connection back (kept for reuse if the last response allowed keep-alive). */
  public void release(Lease lease) {
    pool.release(lease.lease);
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
    return pool.openConnections(ClientEndpoint.plain(pod));
  }

  public int activeConnections(InetSocketAddress pod) {
    return pool.activeConnections(ClientEndpoint.plain(pod));
  }

  public int openConnections() {
    return pool.openConnections();
  }

  public int activeConnections() {
    return pool.activeConnections();
  }

  /** Connections opened since creation. */
  public long connectionsOpened() {
    return pool.connectionsOpened();
  }

  @Override
  public void close() {
    pool.close();
  }
}
