package io.trafficlab.engine.dataplane.proxy;

import io.trafficlab.engine.core.route.Cluster;
import io.trafficlab.engine.core.time.Scheduler;
import io.trafficlab.engine.dataplane.EngineRuntime;
import io.trafficlab.engine.dataplane.UpstreamPool;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import io.trafficlab.engine.dataplane.http.StaleConnectionException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One calling proxy (the ingress gateway, or one workload's sidecar): its keep-alive connections to
 * pods and its {@link ClusterState} per cluster, created on first use. Istio's connection-pool
 * limits and outlier detection are per calling proxy and cluster, as here.
 */
final class CallingProxy implements AutoCloseable {
  private final String key;
  private final UpstreamPool pool;
  private final Scheduler scheduler;
  private final Consumer<String> events;
  private final ConcurrentHashMap<String, ClusterState> clusters = new ConcurrentHashMap<>();

  CallingProxy(String key, EngineRuntime runtime, Collection<InetSocketAddress> pods,
      Consumer<String> events) {
    this.key = key;
    this.pool = new UpstreamPool(runtime, pods);
    this.scheduler = runtime.scheduler();
    this.events = events;
  }

  String key() {
    return key;
  }

  ClusterState cluster(Cluster c) {
    ClusterState s = clusters.get(c.name());
    return s != null ? s : clusters.computeIfAbsent(c.name(),
        n -> new ClusterState(c, scheduler, e -> events.accept(key + " " + n + ": " + e)));
  }

  /**
   * Sends one request to a pod. A pooled connection found closed before anything was written is
   * replaced once by a fresh one (nothing reached the pod, so this is not a retry).
   */
  CompletableFuture<ResponseMessage> forward(InetSocketAddress pod, RequestMessage request,
      Duration connectTimeout) {
    CompletableFuture<ResponseMessage> result = new CompletableFuture<>();
    CompletableFuture<ResponseMessage> first = pool.forward(pod, request, connectTimeout);
    result.whenComplete((r, e) -> {
      if (e != null) {
        first.cancel(false);
      }
    });
    first.whenComplete((response, error) -> {
      if (error == null) {
        result.complete(response);
      } else if (unwrap(error) instanceof StaleConnectionException && !result.isDone()) {
        CompletableFuture<ResponseMessage> second = pool.forward(pod, request, connectTimeout);
        result.whenComplete((r, e) -> {
          if (e != null) {
            second.cancel(false);
          }
        });
        second.whenComplete((r2, e2) -> {
          if (e2 == null) {
            result.complete(r2);
          } else {
            result.completeExceptionally(unwrap(e2));
          }
        });
      } else {
        result.completeExceptionally(unwrap(error));
      }
    });
    return result;
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  @Override
  public void close() {
    pool.close();
  }
}
