package io.trafficlab.engine.dataplane.proxy;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import io.trafficlab.engine.core.lb.Randoms;
import io.trafficlab.engine.core.route.Listener;
import io.trafficlab.engine.core.route.RouteTable;
import io.trafficlab.engine.dataplane.EngineRuntime;
import io.trafficlab.engine.dataplane.EventLoopScheduler;
import io.trafficlab.engine.dataplane.Inbound;
import io.trafficlab.engine.dataplane.RequestHandler;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The proxy behind every gateway port and sidecar listener: routes each request with the compiled
 * {@link RouteTable} and runs it as an {@code Exchange}. The ingress gateway is one calling proxy
 * whatever the port; each sidecar is its own. Only the topology's pods are ever connected to.
 *
 * <p>Randomness: a request's choices (weighted pick, fault draws, load balancing, backoff jitter)
 * come from one generator seeded by the run's seed, the request's {@link ProxyHeaders#SEQUENCE} key
 * and the calling proxy, so a seeded run picks the same way whatever the parallelism. Requests
 * without a key are numbered in arrival order instead.
 */
public final class Proxy implements RequestHandler, AutoCloseable {
  /** The calling-proxy key of the ingress gateway (all its ports share its state). */
  public static final String GATEWAY_KEY = "gateway";

  private final EngineRuntime runtime;
  private final RouteTable table;
  private final Map<String, InetSocketAddress> pods;
  private final long seed;
  private final TraceLog traces;
  private final Consumer<String> events;
  private final ConcurrentHashMap<String, CallingProxy> proxies = new ConcurrentHashMap<>();
  private final AtomicLong unkeyed = new AtomicLong();
  private final Set<String> isolated = ConcurrentHashMap.newKeySet();

  /**
   * @param podAddresses pod name → address: the only places upstream connections go
   * @param traces where traced requests leave their {@link ExchangeTrace}
   * @param events ejections and returns of hosts, for logs (may be a no-op)
   */
  public Proxy(EngineRuntime runtime, RouteTable table, Map<String, InetSocketAddress> podAddresses,
      long seed, TraceLog traces, Consumer<String> events) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.table = Objects.requireNonNull(table, "table");
    this.pods = Map.copyOf(podAddresses);
    this.seed = seed;
    this.traces = Objects.requireNonNull(traces, "traces");
    this.events = Objects.requireNonNull(events, "events");
  }

  public Proxy(EngineRuntime runtime, RouteTable table, Map<String, InetSocketAddress> podAddresses,
      long seed, TraceLog traces) {
    this(runtime, table, podAddresses, seed, traces, e -> { });
  }

  @Override
  public CompletionStage<ResponseMessage> handle(Inbound inbound, RequestMessage request) {
    EventExecutor loop = ThreadExecutorMap.currentExecutor();
    if (loop == null) {
      loop = runtime.group().next();
    }
    io.trafficlab.engine.dataplane.Listener l = inbound.listener();
    boolean gateway = l.kind() == io.trafficlab.engine.dataplane.Listener.Kind.GATEWAY;
    CallingProxy caller = caller(gateway ? GATEWAY_KEY : l.key());
    Listener listener = gateway ? new Listener.Gateway(l.port())
        : new Listener.Sidecar(l.namespace(), l.labels(), port(request));
    String key = request.headers().get(ProxyHeaders.SEQUENCE);
    Exchange exchange = new Exchange(this, caller, listener, inbound, request, loop,
        randomSeed(caller.key(), key), isolatedChain(key));
    exchange.start();
    return exchange.result();
  }

  private CallingProxy caller(String key) {
    CallingProxy p = proxies.get(key);
    return p != null ? p : proxies.computeIfAbsent(key,
        k -> new CallingProxy(k, runtime, pods.values(), events));
  }

  private static int port(RequestMessage request) {
    String p = request.headers().get(ProxyHeaders.DESTINATION_PORT);
    if (p == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(p.trim());
      return n > 0 && n <= 65535 ? n : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Declares that the requests of block {@code block} (keys {@code block.N}, see
   * {@link ProxyHeaders#SEQUENCE}) are sent several at a time in place of one after another. Sent
   * one at a time, a request and the calls it causes find no other request of the block in flight,
   * so LEAST_REQUEST compares only the active requests of its own chain (the requests carrying its
   * key); isolating the block makes every pick read just those, and the picks are the ones the
   * one-at-a-time run makes whatever the parallelism. Undo with {@link #endIsolation}.
   */
  public void isolate(String block) {
    isolated.add(block);
  }

  public void endIsolation(String block) {
    isolated.remove(block);
  }

  /** The request's key when its block is isolated, else null (picks read every active request). */
  private String isolatedChain(String key) {
    if (key == null || isolated.isEmpty()) {
      return null;
    }
    int dot = key.lastIndexOf('.');
    return dot > 0 && isolated.contains(key.substring(0, dot)) ? key : null;
  }

  private long randomSeed(String callerKey, String key) {
    long k = key != null ? fnv(key) : Randoms.derive(unkeyed.incrementAndGet(), 7);
    return Randoms.derive(seed ^ k, callerKey.hashCode());
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }

  RouteTable table() {
    return table;
  }

  EventLoopScheduler scheduler() {
    return runtime.scheduler();
  }

  InetSocketAddress podAddress(String pod) {
    return pods.get(pod);
  }

  TraceLog traces() {
    return traces;
  }

  /** Closes every calling proxy's upstream connections. */
  @Override
  public void close() {
    proxies.values().forEach(CallingProxy::close);
  }
}
