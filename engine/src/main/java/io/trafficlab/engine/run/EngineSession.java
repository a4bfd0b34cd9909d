package io.trafficlab.engine.run;

import io.trafficlab.engine.cases.CaseRequest;
import io.trafficlab.engine.cases.Distribution;
import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.config.compile.GatewayTls;
import io.trafficlab.engine.config.compile.RouteCompiler;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.core.lb.LbPolicy;
import io.trafficlab.engine.core.policy.ClusterPolicy;
import io.trafficlab.engine.core.policy.ConnectionPoolPolicy;
import io.trafficlab.engine.core.route.Cluster;
import io.trafficlab.engine.core.route.RouteTable;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.engine.dataplane.EngineRuntime;
import io.trafficlab.engine.dataplane.ListenerAddresses;
import io.trafficlab.engine.dataplane.ListenerHub;
import io.trafficlab.engine.dataplane.ListenerPlan;
import io.trafficlab.engine.dataplane.proxy.Proxy;
import io.trafficlab.engine.dataplane.proxy.ProxyHeaders;
import io.trafficlab.engine.dataplane.proxy.TraceLog;
import io.trafficlab.engine.dataplane.tls.GatewayCertificates;
import io.trafficlab.engine.dataplane.tls.TlsServer;
import io.trafficlab.engine.sim.pods.PodFleet;
import io.trafficlab.engine.sim.pods.SidecarCaller;
import io.trafficlab.engine.sim.traffic.RawResponse;
import io.trafficlab.engine.sim.traffic.TrafficClient;
import io.trafficlab.engine.sim.traffic.TrafficGenerator;
import io.trafficlab.engine.sim.traffic.TrafficRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A running topology: synthetic pods, the ingress gateway's listeners (TLS where a Gateway server
 * terminates it), a sidecar listener per mesh client and per pod that makes calls, and the proxy
 * behind them, all on one event-loop runtime with the run's time scale. Start once, send as many
 * request blocks as needed, close. Requests and their copies are keyed so that the proxy's random
 * choices depend only on (seed, key): the same run picks the same way whatever the parallelism.
 *
 * <p>Thread-safety: {@link #run} and {@link #distribution} may be called from any thread except an
 * event loop (they wait for the traffic); sidecars for new clients start on demand.
 */
public final class EngineSession implements AutoCloseable {
  /** Real-time bound of one request block (a hung run must end). */
  static final long BLOCK_TIMEOUT_SECONDS = 300;
  private static final long START_TIMEOUT_SECONDS = 30;
  /**
   * Gateway ports that get a listener (the lowest ones): each is a server socket, and a submission
   * with thousands of Gateway servers must not open thousands of them.
   */
  static final int MAX_GATEWAY_PORTS = 32;

  private final RunOptions options;
  private final EngineRuntime runtime;
  private final RouteTable table;
  private final TraceLog traces = new TraceLog();
  private final Map<String, InetSocketAddress> sidecars = new ConcurrentHashMap<>();
  private final Map<Integer, InetSocketAddress> gateways = new TreeMap<>();
  private final List<ListenerHub> hubs = new ArrayList<>();
  private TrafficClient client;
  private TrafficGenerator generator;
  private PodFleet fleet;
  private Proxy proxy;

  private EngineSession(RunOptions options, RouteTable table) {
    this.options = options;
    this.table = table;
    this.runtime = EngineRuntime.start(options.timeScale());
  }

  /**
   * Compiles {@code config} for {@code topology} and starts everything.
   *
   * @param secrets the topology's credential names, empty = every credentialName gets a certificate
   * @param clients mesh clients to give a sidecar now (others get one when first used)
   * @param events ejections and returns of hosts, for logs (may be a no-op)
   */
  public static EngineSession start(ConfigSet config, Topology topology,
      Optional<Set<String>> secrets, RunOptions options, Collection<CaseRequest.Client> clients,
      Consumer<String> events) {
    EngineSession s = new EngineSession(options, RouteCompiler.compile(config, topology));
    try {
      s.startAll(config, topology, secrets, clients, events);
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  public static EngineSession start(ConfigSet config, Topology topology,
      Optional<Set<String>> secrets, RunOptions options, Collection<CaseRequest.Client> clients) {
    return start(config, topology, secrets, options, clients, e -> { });
  }

  private void startAll(ConfigSet config, Topology topology, Optional<Set<String>> secrets,
      Collection<CaseRequest.Client> clients, Consumer<String> events) {
    client = new TrafficClient(runtime);
    generator = new TrafficGenerator(client);
    fleet = await(PodFleet.start(runtime, topology, options.seed(),
        def -> new SidecarCaller(client, pod -> Optional.ofNullable(sidecars.get(podKey(pod))))),
        "pods");
    proxy = new Proxy(runtime, table, fleet.addresses(), options.seed(), traces, events);
    List<ListenerPlan.GatewayPort> ports = gatewayPorts(config, topology, secrets);
    List<ListenerPlan.Sidecar> sidecarPlans = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (CaseRequest.Client c : clients) {
      if (keys.add(clientKey(c))) {
        sidecarPlans.add(new ListenerPlan.Sidecar(clientKey(c), c.namespace(), c.labels()));
      }
    }
    for (PodDef pod : topology.allPods()) {
      if (!pod.behavior().calls().isEmpty() && keys.add(podKey(pod))) {
        sidecarPlans.add(ListenerPlan.Sidecar.ofPod(pod));
      }
    }
    ListenerHub hub = await(ListenerHub.start(runtime, new ListenerPlan(ports, sidecarPlans), proxy),
        "listeners");
    synchronized (hubs) {
      hubs.add(hub);
    }
    for (ListenerPlan.GatewayPort g : ports) {
      hub.gateway(g.port()).ifPresent(a -> gateways.put(g.port(), a));
    }
    for (ListenerPlan.Sidecar sc : sidecarPlans) {
      hub.sidecar(sc.key()).ifPresent(a -> sidecars.put(sc.key(), a));
    }
  }

  private List<ListenerPlan.GatewayPort> gatewayPorts(ConfigSet config, Topology topology,
      Optional<Set<String>> secrets) {
    Map<Integer, List<GatewayTls.Termination>> tls = GatewayTls.servers(config, topology);
    List<TlsServer> all = new ArrayList<>();
    tls.values().forEach(list -> list.forEach(
        t -> all.add(new TlsServer(t.credentialName(), t.hosts()))));
    GatewayCertificates certificates = all.isEmpty() ? null : GatewayCertificates.issue(all, secrets);
    List<ListenerPlan.GatewayPort> ports = new ArrayList<>();
    for (int port : table.gatewayPorts().stream().sorted().limit(MAX_GATEWAY_PORTS).toList()) {
      List<GatewayTls.Termination> servers = tls.get(port);
      if (servers == null) {
        ports.add(ListenerPlan.GatewayPort.plain(port));
      } else {
        ports.add(new ListenerPlan.GatewayPort(port, certificates.sniMapping(servers.stream()
            .map(t -> new TlsServer(t.credentialName(), t.hosts())).toList())));
      }
    }
    return ports;
  }

  /** The routing compiled for this session. */
  public RouteTable routeTable() {
    return table;
  }

  public RunOptions options() {
    return options;
  }

  /** Where everything listens, in the shape {@code up} prints. */
  public ListenerAddresses addresses() {
    Map<String, String> gw = new LinkedHashMap<>();
    Map<String, String> sc = new LinkedHashMap<>();
    synchronized (hubs) {
      for (ListenerHub h : hubs) {
        ListenerAddresses a = h.addresses();
        gw.putAll(a.gateways());
        sc.putAll(a.sidecars());
      }
    }
    return new ListenerAddresses(gw, sc, fleet.hostPorts());
  }

  /** The pods, for tests that look at what a pod received. */
  public PodFleet fleet() {
    return fleet;
  }

  /**
   * Sends one request's copies ({@code repeat} one after another, or {@code concurrent} all at once)
   * and observes each. {@code key} identifies the request within the run (e.g. {@code r3}).
   */
  public List<Observation> run(CaseRequest request, String key) {
    int copies = Math.max(1, request.copies());
    return send(request, key, copies, request.isConcurrent() ? copies : 1);
  }

  /**
   * Sends a distribution's requests; observations in request order. The case format sends them one
   * at a time; they are sent {@link RunOptions#parallelism()} at a time only when no cluster's
   * behaviour depends on concurrency ({@link #concurrencyNeutral}), which, with choices keyed by
   * request index and LEAST_REQUEST reading only each request's own chain
   * ({@link Proxy#isolate}), gives the very same observations faster.
   */
  public List<Observation> distribution(Distribution d, String key) {
    if (!concurrencyNeutral(table) || options.parallelism() == 1) {
      return send(d.template(), key, d.requests(), 1);
    }
    proxy.isolate(key);
    try {
      return send(d.template(), key, d.requests(), options.parallelism());
    } finally {
      proxy.endIsolation(key);
    }
  }

  /**
   * True when requests in flight together cannot change each other's outcome: no cluster limits
   * its connection pool or detects outliers (consecutive errors depend on the order of results).
   * LEAST_REQUEST prefers the host with fewer active requests, but sent one at a time a request
   * only ever meets its own chain's requests (its calls, their calls), which is what an isolated
   * block's picks read ({@link Proxy#isolate}). ROUND_ROBIN over several hosts is not neutral:
   * its position is shared, so which request lands on which host (and so which pod's error draw it
   * meets, and in which order traces appear) would follow the arrival order; those distributions
   * are sent one at a time so that a seed always gives the same observations.
   */
  static boolean concurrencyNeutral(RouteTable table) {
    for (Cluster c : table.clusters().values()) {
      ClusterPolicy p = c.policy();
      if (p.outlier().isPresent() || !p.pool().equals(ConnectionPoolPolicy.DEFAULT)) {
        return false;
      }
      if (p.lb() instanceof LbPolicy.Simple simple
          && simple.algorithm() == LbPolicy.Algorithm.ROUND_ROBIN && c.endpoints().size() > 1) {
        return false;
      }
    }
    return true;
  }

  private List<Observation> send(CaseRequest request, String key, int n, int parallelism) {
    if (n == 0) {
      return List.of();
    }
    Optional<InetSocketAddress> target = target(request);
    if (target.isEmpty()) {
      String why = request.via().isMesh() ? "no sidecar for " + clientKey(request.from())
          : table.gatewayPorts().contains(request.via().gatewayPort())
              ? "no listener on gateway port " + request.via().gatewayPort() + " (trafficlab opens the "
                  + MAX_GATEWAY_PORTS + " lowest gateway ports of a configuration, and this is not one of them)"
              : "no listener on gateway port " + request.via().gatewayPort()
              + " (no Gateway with an HTTP or HTTPS server on this port selects a gateway workload)";
      List<Observation> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(Observations.notSent(why));
      }
      return out;
    }
    TrafficRequest base = toTraffic(request, target.get());
    String[] ids = new String[n];
    CompletableFuture<List<RawResponse>> f = generator.distribution(i -> {
      ids[i] = traces.newId();
      return base.withHeader(ProxyHeaders.SEQUENCE, key + "." + i)
          .withHeader(ProxyHeaders.TRACE, ids[i]);
    }, n, Math.min(parallelism, n));
    List<RawResponse> raw = await(f, "traffic", BLOCK_TIMEOUT_SECONDS);
    List<Observation> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Observations.of(raw.get(i), traces.take(ids[i])));
    }
    return out;
  }

  private static TrafficRequest toTraffic(CaseRequest r, InetSocketAddress target) {
    Map<String, String> headers = new LinkedHashMap<>(r.headers());
    if (r.via().isMesh() && r.port() != null) {
      headers.put(ProxyHeaders.DESTINATION_PORT, r.port().toString());
    }
    return new TrafficRequest(target, r.method(), r.path(), r.host(), headers,
        "https".equalsIgnoreCase(r.scheme()));
  }

  private Optional<InetSocketAddress> target(CaseRequest r) {
    if (!r.via().isMesh()) {
      return Optional.ofNullable(gateways.get(r.via().gatewayPort()));
    }
    return Optional.of(sidecarFor(r.from()));
  }

  private InetSocketAddress sidecarFor(CaseRequest.Client c) {
    String key = clientKey(c);
    InetSocketAddress a = sidecars.get(key);
    if (a != null) {
      return a;
    }
    synchronized (hubs) {
      a = sidecars.get(key);
      if (a == null) {
        ListenerHub hub = await(ListenerHub.start(runtime, new ListenerPlan(List.of(),
            List.of(new ListenerPlan.Sidecar(key, c.namespace(), c.labels()))), proxy), "sidecar");
        hubs.add(hub);
        a = hub.sidecar(key).orElseThrow();
        sidecars.put(key, a);
      }
      return a;
    }
  }

  /**
   * How {@code up} and observations name a client's sidecar: {@code default/productpage} for a
   * client labelled only {@code app: productpage}, else the sorted labels
   * ({@code default/app=reviews,version=v2}).
   */
  public static String clientKey(CaseRequest.Client c) {
    Map<String, String> labels = c.labels();
    if (labels.size() == 1 && labels.containsKey("app")) {
      return c.namespace() + "/" + labels.get("app");
    }
    StringBuilder sb = new StringBuilder(c.namespace()).append('/');
    new TreeMap<>(labels).forEach((k, v) -> {
      if (sb.charAt(sb.length() - 1) != '/') {
        sb.append(',');
      }
      sb.append(k).append('=').append(v);
    });
    return sb.toString();
  }

  static String podKey(PodDef pod) {
    return pod.namespace() + "/" + pod.name();
  }

  private static <T> T await(CompletableFuture<T> f, String what) {
    return await(f, what, START_TIMEOUT_SECONDS);
  }

  private static <T> T await(CompletableFuture<T> f, String what, long seconds) {
    try {
      return f.get(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("cannot start " + what + ": " + c.getMessage(), c);
    } catch (TimeoutException e) {
      f.cancel(false);
      throw new IllegalStateException(what + " did not finish within " + seconds + " s", e);
    }
  }

  /** The socket transport the session runs on: {@code io_uring}, {@code epoll} or {@code nio}. */
  public String transportName() {
    return runtime.transportName();
  }

  /** Stops listeners, pods and the runtime; idempotent. */
  @Override
  public void close() {
    synchronized (hubs) {
      hubs.forEach(ListenerHub::close);
      hubs.clear();
    }
    if (fleet != null) {
      fleet.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (client != null) {
      client.close();
    }
    runtime.close();
  }
}
