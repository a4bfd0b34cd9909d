package io.trafficlab.engine.dataplane;

import io.trafficlab.engine.dataplane.http.HttpServerEndpoint;
import io.trafficlab.engine.dataplane.http.ServerOptions;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Starts one loopback listener (ephemeral port) per gateway server port and per sidecar of a
 * {@link ListenerPlan}, all served by one {@link RequestHandler} that is told which listener a
 * request arrived on. Netty stays thin: codec, capped aggregator, then the handler.
 */
public final class ListenerHub implements AutoCloseable {
  private final Map<Listener, HttpServerEndpoint> endpoints;

  private ListenerHub(Map<Listener, HttpServerEndpoint> endpoints) {
    this.endpoints = endpoints;
  }

  /** Binds every listener of {@code plan}; fails (closing those already bound) if one fails. */
  public static CompletableFuture<ListenerHub> start(EngineRuntime runtime, ListenerPlan plan,
      RequestHandler handler) {
    Map<Listener, CompletableFuture<HttpServerEndpoint>> binds = new LinkedHashMap<>();
    for (ListenerPlan.GatewayPort g : plan.gateways()) {
      Listener l = Listener.gateway(g.port());
      ServerOptions options = g.tls() == null ? ServerOptions.PLAIN : ServerOptions.tls(g.tls());
      binds.put(l, HttpServerEndpoint.bind(runtime,
          (conn, req) -> handler.handle(new Inbound(l, conn), req), options));
    }
    for (ListenerPlan.Sidecar s : plan.sidecars()) {
      Listener l = Listener.sidecar(s.key(), s.namespace(), s.labels());
      binds.put(l, HttpServerEndpoint.bind(runtime,
          (conn, req) -> handler.handle(new Inbound(l, conn), req), ServerOptions.PLAIN));
    }
    return CompletableFuture.allOf(binds.values().toArray(CompletableFuture[]::new))
        .handle((v, error) -> {
          Map<Listener, HttpServerEndpoint> bound = new LinkedHashMap<>();
          binds.forEach((l, f) -> {
            if (!f.isCompletedExceptionally()) {
              bound.put(l, f.join());
            }
          });
          ListenerHub hub = new ListenerHub(bound);
          if (error != null) {
            hub.close();
            throw new IllegalStateException("cannot start listeners: " + error.getMessage(), error);
          }
          return hub;
        });
  }

  /** The addresses by listener, in plan order (gateways first). */
  public Map<Listener, InetSocketAddress> listeners() {
    Map<Listener, InetSocketAddress> out = new LinkedHashMap<>();
    endpoints.forEach((l, e) -> out.put(l, e.address()));
    return out;
  }

  public Optional<InetSocketAddress> gateway(int port) {
    return Optional.ofNullable(endpoints.get(Listener.gateway(port)))
        .map(HttpServerEndpoint::address);
  }

  public Optional<InetSocketAddress> sidecar(String key) {
    return endpoints.entrySet().stream()
        .filter(e -> e.getKey().kind() == Listener.Kind.SIDECAR && e.getKey().key().equals(key))
        .map(e -> e.getValue().address()).findFirst();
  }

  /** Gateways and sidecars; {@code pods} is left empty (the pod fleet fills it in). */
  public ListenerAddresses addresses() {
    Map<String, String> gateways = new LinkedHashMap<>();
    Map<String, String> sidecars = new LinkedHashMap<>();
    endpoints.forEach((l, e) ->
        (l.kind() == Listener.Kind.GATEWAY ? gateways : sidecars).put(l.key(), e.hostPort()));
    return new ListenerAddresses(gateways, sidecars, Map.of());
  }

  /** Closes every listener and its connections; completes when all are closed. */
  public CompletableFuture<Void> stop() {
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    endpoints.values().forEach(e -> closing.add(e.close()));
    return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
  }

  /** {@link #stop()} and wait (at most 5 s). */
  @Override
  public void close() {
    try {
      stop().get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Closing is best effort; the runtime's shutdown closes whatever is left.
    }
  }
}
