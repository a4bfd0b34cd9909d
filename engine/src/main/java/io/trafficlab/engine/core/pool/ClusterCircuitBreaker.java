package io.trafficlab.engine.core.pool;

import io.trafficlab.engine.core.policy.ConnectionPoolPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The connection pool and circuit breakers of one cluster as seen by one calling proxy (Istio maps
 * connectionPool to per-proxy, per-cluster Envoy thresholds, not per pod). An idealised HTTP/1.1
 * pool: a connection carries one request at a time and opens instantly from the pool's point of
 * view (the caller reports a failed connect with {@link #closeConnection}).
 *
 * <p>A new request for a pod (already picked by the load balancer) takes an idle connection to that
 * pod, else opens one while connections &lt; maxConnections (closing an idle connection to another
 * pod when that is what blocks it), else waits in the pending queue while pending &lt;
 * http1MaxPendingRequests, else overflows (503 UO). A request that would start while
 * http2MaxRequests requests are active overflows too. A connection closes after
 * maxRequestsPerConnection requests (0 = unlimited). Queued requests are served first come, first
 * served. Real Envoy admits a little more or less (istio.io circuit-breaking task); this one is exact.
 *
 * <p>Invariants: 0 &le; active &le; connections &le; maxConnections; pending &le;
 * http1MaxPendingRequests; active retries &le; maxRetries. Not thread-safe: one per event loop.
 */
public final class ClusterCircuitBreaker implements RetryBudget {

  private final ConnectionPoolPolicy policy;
  private final Map<Long, Conn> connections = new LinkedHashMap<>();
  private final Map<String, Deque<Conn>> idle = new LinkedHashMap<>();
  private final Deque<Waiting> pending = new ArrayDeque<>();
  private long nextTicket = 1;
  private long nextConnection = 1;
  private int active;
  private long activeRetries;

  public ClusterCircuitBreaker(ConnectionPoolPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public ConnectionPoolPolicy policy() {
    return policy;
  }

  /** Admits a new request for {@code host} (a pod name). */
  public Admission admit(String host) {
    Objects.requireNonNull(host, "host");
    long ticket = nextTicket++;
    Admission now = tryStart(ticket, host);
    if (now != null) {
      return now;
    }
    if (pending.size() < policy.http1MaxPendingRequests()) {
      pending.addLast(new Waiting(ticket, host));
      return new Admission.Queued(ticket, host, "queued for a connection: " + connections.size()
          + " busy" + limit(" of maxConnections ", policy.maxConnections()) + ", pending "
          + pending.size() + limit("/", policy.http1MaxPendingRequests()));
    }
    return new Admission.Overflow(ticket, host, "503 UO: pending queue full ("
        + "http1MaxPendingRequests " + policy.http1MaxPendingRequests() + ", maxConnections "
        + policy.maxConnections() + " busy)");
  }

  /**
   * The request on {@code connectionId} finished with a complete response; the connection is kept
   * unless it has served maxRequestsPerConnection requests.
   *
   * @return queued requests that can now start or that overflowed, in queue order
   */
  public List<Admission> complete(long connectionId) {
    Conn c = requireBusy(connectionId);
    active--;
    c.busy = false;
    c.served++;
    long max = policy.maxRequestsPerConnection();
    if (max > 0 && c.served >= max) {
      connections.remove(c.id);
    } else {
      idle.computeIfAbsent(c.host, h -> new ArrayDeque<>()).addLast(c);
    }
    return drain();
  }

  /**
   * The connection closed or failed to connect; a request on it has ended (its caller reports the
   * reset or connect failure to the retry logic).
   */
  public List<Admission> closeConnection(long connectionId) {
    Conn c = connections.remove(connectionId);
    if (c == null) {
      return List.of();
    }
    if (c.busy) {
      active--;
    } else {
      Deque<Conn> q = idle.get(c.host);
      if (q != null) {
        q.remove(c);
      }
    }
    return drain();
  }

  /** A queued request gave up (its route timeout fired). True if it was still queued. */
  public boolean cancel(long ticket) {
    return pending.removeIf(w -> w.ticket == ticket);
  }

  @Override
  public boolean tryAcquireRetry() {
    if (activeRetries >= policy.maxRetries()) {
      return false;
    }
    activeRetries++;
    return true;
  }

  @Override
  public void releaseRetry() {
    if (activeRetries == 0) {
      throw new IllegalStateException("releaseRetry without a retry in flight");
    }
    activeRetries--;
  }

  public int connections() {
    return connections.size();
  }

  public int pendingRequests() {
    return pending.size();
  }

  public int activeRequests() {
    return active;
  }

  public long activeRetries() {
    return activeRetries;
  }

  /** Idle connections to {@code host}. */
  public int idleConnections(String host) {
    Deque<Conn> q = idle.get(host);
    return q == null ? 0 : q.size();
  }

  private List<Admission> drain() {
    List<Admission> out = new ArrayList<>();
    while (!pending.isEmpty()) {
      Waiting w = pending.peekFirst();
      Admission a = tryStart(w.ticket, w.host);
      if (a == null) {
        break;
      }
      pending.pollFirst();
      out.add(a);
    }
    return out;
  }

  /** Starts the request now if a connection is available; null when it has to wait. */
  private Admission tryStart(long ticket, String host) {
    Deque<Conn> own = idle.get(host);
    boolean reuse = own != null && !own.isEmpty();
    boolean open = !reuse && connections.size() < policy.maxConnections();
    Conn evict = reuse || open ? null : anyIdle();
    if (!reuse && !open && evict == null) {
      return null;
    }
    if (active >= policy.http2MaxRequests()) {
      return new Admission.Overflow(ticket, host, "503 UO: " + active
          + " requests active (http2MaxRequests " + policy.http2MaxRequests() + ")");
    }
    active++;
    if (reuse) {
      Conn c = own.pollFirst();
      c.busy = true;
      return new Admission.Dispatched(ticket, host, c.id, false,
          "reused idle connection #" + c.id + " to " + host);
    }
    String why = "";
    if (evict != null) {
      idle.get(evict.host).remove(evict);
      connections.remove(evict.id);
      why = ", closing idle connection #" + evict.id + " to " + evict.host;
    }
    Conn c = new Conn(nextConnection++, host);
    c.busy = true;
    connections.put(c.id, c);
    return new Admission.Dispatched(ticket, host, c.id, true, "opened connection #" + c.id + " to "
        + host + " (" + connections.size() + limit(" of maxConnections ", policy.maxConnections())
        + " open" + why + ")");
  }

  private Conn anyIdle() {
    for (Deque<Conn> q : idle.values()) {
      Iterator<Conn> it = q.iterator();
      if (it.hasNext()) {
        return it.next();
      }
    }
    return null;
  }

  private Conn requireBusy(long connectionId) {
    Conn c = connections.get(connectionId);
    if (c == null || !c.busy) {
      throw new IllegalStateException("connection #" + connectionId + " carries no request");
    }
    return c;
  }

  private static String limit(String label, long value) {
    return value >= ConnectionPoolPolicy.UNLIMITED ? "" : label + value;
  }

  private static final class Conn {
    final long id;
    final String host;
    long served;
    boolean busy;

    Conn(long id, String host) {
      this.id = id;
      this.host = host;
    }
  }

  private record Waiting(long ticket, String host) {}
}
