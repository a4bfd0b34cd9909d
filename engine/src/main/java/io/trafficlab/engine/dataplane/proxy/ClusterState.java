package io.trafficlab.engine.dataplane.proxy;

import io.trafficlab.engine.core.lb.Endpoint;
import io.trafficlab.engine.core.lb.HashInput;
import io.trafficlab.engine.core.lb.LbPolicy;
import io.trafficlab.engine.core.lb.LoadBalancer;
import io.trafficlab.engine.core.outlier.Ejection;
import io.trafficlab.engine.core.outlier.HealthyHosts;
import io.trafficlab.engine.core.outlier.HostResult;
import io.trafficlab.engine.core.outlier.OutlierDetector;
import io.trafficlab.engine.core.pool.Admission;
import io.trafficlab.engine.core.pool.ClusterCircuitBreaker;
import io.trafficlab.engine.core.policy.ConnectionPoolPolicy;
import io.trafficlab.engine.core.pool.RetryBudget;
import io.trafficlab.engine.core.route.Cluster;
import io.trafficlab.engine.core.time.Cancellable;
import io.trafficlab.engine.core.time.Scheduler;
import io.trafficlab.engine.core.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Envoy's state for one cluster as seen by one calling proxy: its load balancer, its circuit breaker
 * (connection pool thresholds, maxRetries) and its outlier detector, plus the active requests per
 * host that LEAST_REQUEST reads. Requests of one proxy arrive on several event loops, so every
 * method takes this object's lock; the critical sections only run core decisions. Callbacks for
 * queued requests run outside the lock.
 */
final class ClusterState implements RetryBudget {
  private final Cluster cluster;
  private final LoadBalancer balancer;
  private final boolean consistentHash;
  private final ClusterCircuitBreaker breaker;
  /** No connection-pool limit is set: every request is dispatched at once, no breaker needed. */
  private final boolean unlimited;
  private long nextUnlimitedId;
  private final OutlierDetector outlier;
  private final Map<String, Endpoint> byName = new LinkedHashMap<>();
  private final Map<String, int[]> active = new HashMap<>();
  /**
   * Active requests per (request chain, host) for LEAST_REQUEST, kept only without pool limits:
   * what a chain's picks read when its block is sent in parallel in place of one at a time (see
   * {@link Proxy#isolate}). Entries leave when they drop to zero.
   */
  private final Map<String, int[]> activeByChain;
  private final Map<Long, BiConsumer<Admission, Long>> waiting = new HashMap<>();

  /** A pick: the endpoint, or null with the reason there is none (503 UH). */
  record Pick(Endpoint endpoint, String note) {}

  ClusterState(Cluster cluster, Scheduler scheduler, Consumer<String> events) {
    this.cluster = cluster;
    this.balancer = LoadBalancer.create(cluster.policy().lb());
    this.consistentHash = cluster.policy().lb() instanceof LbPolicy.ConsistentHash;
    this.breaker = new ClusterCircuitBreaker(cluster.policy().pool());
    ConnectionPoolPolicy pool = cluster.policy().pool();
    this.unlimited = pool.maxConnections() >= ConnectionPoolPolicy.UNLIMITED
        && pool.http1MaxPendingRequests() >= ConnectionPoolPolicy.UNLIMITED
        && pool.http2MaxRequests() >= ConnectionPoolPolicy.UNLIMITED
        && pool.maxRetries() >= ConnectionPoolPolicy.UNLIMITED
        && pool.maxRequestsPerConnection() == 0;
    for (Endpoint e : cluster.endpoints()) {
      byName.put(e.name(), e);
      active.put(e.name(), new int[1]);
    }
    boolean leastRequest = cluster.policy().lb() instanceof LbPolicy.Simple s
        && s.algorithm() == LbPolicy.Algorithm.LEAST_REQUEST;
    this.activeByChain = unlimited && leastRequest && cluster.endpoints().size() > 1
        ? new HashMap<>() : null;
    this.outlier = cluster.policy().outlier()
        .map(p -> new OutlierDetector(p, locked(scheduler), byName.keySet(), false, events))
        .orElse(null);
  }

  Cluster cluster() {
    return cluster;
  }

  /**
   * Picks a host among the outlier-healthy ones, avoiding {@code avoid} (previous hosts of a retry)
   * when another host is left, except with consistent hashing, which must keep its key's host.
   *
   * @param chain the request chain whose own active requests LEAST_REQUEST reads instead of all
   *     of them (null: all, the normal case; see {@link Proxy#isolate})
   */
  synchronized Pick pick(HashInput request, long random, Set<String> avoid, String chain) {
    List<Endpoint> healthy = cluster.endpoints();
    String note = null;
    if (outlier != null && outlier.ejectedCount() > 0) {
      HealthyHosts h = outlier.healthyHosts();
      if (h.isEmpty()) {
        return new Pick(null, h.reason());
      }
      List<Endpoint> list = new ArrayList<>(h.hosts().size());
      h.hosts().forEach(n -> list.add(byName.get(n)));
      healthy = list;
      note = h.reason();
    }
    if (healthy.isEmpty()) {
      return new Pick(null, "cluster " + cluster.name() + " has no endpoints");
    }
    if (!avoid.isEmpty() && !consistentHash && healthy.size() > 1) {
      List<Endpoint> others = new ArrayList<>(healthy.size());
      for (Endpoint e : healthy) {
        if (!avoid.contains(e.name())) {
          others.add(e);
        }
      }
      if (!others.isEmpty()) {
        healthy = others;
      }
    }
    Endpoint e = chain != null && activeByChain != null
        ? balancer.pick(healthy, request, random, ep -> chainActive(chain, ep.name()))
        : balancer.pick(healthy, request, random, ep -> active.get(ep.name())[0]);
    return new Pick(e, note);
  }

  /**
   * Asks the circuit breaker to admit a request to {@code host}. A {@link Admission.Queued} request
   * later comes back through {@code later} (dispatched or overflowed) with the simulated instant the
   * request that made room ended, outside the lock.
   */
  Admission admit(String host, String chain, BiConsumer<Admission, Long> later) {
    synchronized (this) {
      if (unlimited) {
        active.get(host)[0]++;
        if (chain != null && activeByChain != null) {
          activeByChain.computeIfAbsent(chainHost(chain, host), k -> new int[1])[0]++;
        }
        long id = ++nextUnlimitedId;
        return new Admission.Dispatched(id, host, id, false, "no connection pool limits");
      }
      Admission a = breaker.admit(host);
      if (a instanceof Admission.Dispatched) {
        active.get(host)[0]++;
      } else if (a instanceof Admission.Queued) {
        waiting.put(a.ticket(), later);
      }
      return a;
    }
  }

  /**
   * The request on {@code connectionId} ended at simulated instant {@code at}; {@code reusable}
   * when a full response came back.
   */
  void release(String host, String chain, long connectionId, boolean reusable, long at) {
    List<Admission> next;
    List<BiConsumer<Admission, Long>> callbacks = new ArrayList<>();
    synchronized (this) {
      active.get(host)[0]--;
      if (unlimited) {
        if (chain != null && activeByChain != null) {
          String k = chainHost(chain, host);
          int[] n = activeByChain.get(k);
          if (n != null && --n[0] <= 0) {
            activeByChain.remove(k);
          }
        }
        return;
      }
      next = reusable ? breaker.complete(connectionId) : breaker.closeConnection(connectionId);
      for (Admission a : next) {
        if (a instanceof Admission.Dispatched) {
          active.get(a.host())[0]++;
        }
        callbacks.add(waiting.remove(a.ticket()));
      }
    }
    for (int i = 0; i < next.size(); i++) {
      BiConsumer<Admission, Long> c = callbacks.get(i);
      if (c != null) {
        c.accept(next.get(i), at);
      }
    }
  }

  /** A queued request gave up; false when it had already left the queue. */
  synchronized boolean cancel(long ticket) {
    waiting.remove(ticket);
    return !unlimited && breaker.cancel(ticket);
  }

  /** Counts a result for outlier detection; returns the ejection it caused. */
  synchronized Optional<Ejection> result(String host, HostResult result) {
    return outlier == null ? Optional.empty() : outlier.onResult(host, result);
  }

  /** An endpoint for a mirror copy (no circuit breaker, no retry). */
  synchronized Endpoint pickForMirror(HashInput request, long random, String chain) {
    return pick(request, random, Set.of(), chain).endpoint();
  }

  private int chainActive(String chain, String host) {
    int[] n = activeByChain.get(chainHost(chain, host));
    return n == null ? 0 : n[0];
  }

  private static String chainHost(String chain, String host) {
    return chain + '\n' + host;
  }

  @Override
  public synchronized boolean tryAcquireRetry() {
    return unlimited || breaker.tryAcquireRetry();
  }

  @Override
  public synchronized void releaseRetry() {
    if (!unlimited) {
      breaker.releaseRetry();
    }
  }

  /** The outlier detector's timers run under this object's lock. */
  private Scheduler locked(Scheduler scheduler) {
    Object lock = this;
    return new Scheduler() {
      @Override
      public Ticker ticker() {
        return scheduler.ticker();
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        return scheduler.schedule(delay, () -> {
          synchronized (lock) {
            task.run();
          }
        });
      }
    };
  }
}
