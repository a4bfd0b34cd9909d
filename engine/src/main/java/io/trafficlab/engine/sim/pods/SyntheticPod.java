package io.trafficlab.engine.sim.pods;

import io.trafficlab.engine.core.time.Scheduler;
import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.dataplane.EngineRuntime;
import io.trafficlab.engine.dataplane.http.ConnectionInfo;
import io.trafficlab.engine.dataplane.http.Headers;
import io.trafficlab.engine.dataplane.http.HttpServerEndpoint;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import io.trafficlab.engine.dataplane.http.ServerOptions;
import io.trafficlab.engine.dataplane.proxy.ProxyHeaders;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One synthetic pod: an HTTP/1.1 keep-alive server on 127.0.0.1 that behaves as its
 * {@link PodBehavior} says. Per request, in this order: it draws the error decision from its seeded
 * random (independent per request), makes its {@code calls[]} one after the other through its
 * {@link OutboundCaller}, waits {@code latencyMs} of simulated time on the {@link Scheduler}, then
 * answers 200 or {@code errorStatus} with a {@link PodEcho} JSON body, its {@code responseHeaders}
 * and {@value #POD_HEADER}. So its answer takes its own latency plus that of its calls.
 *
 * <p>Simulated time: the answer carries {@code x-trafficlab-time} = the request's stamped instant
 * plus the calls' simulated latencies plus {@code latencyMs}; each call is stamped with the pod's
 * simulated instant when it starts. Error draws: a request the proxy keyed
 * ({@code x-trafficlab-seq}) draws from (seed, pod, key, {@value #ATTEMPT_HEADER}, request line), so
 * a seeded run fails the same requests whatever the arrival order and a retry draws afresh; other
 * requests draw from the pod's seeded sequence in arrival order.
 *
 * <p>Requests carrying {@value #MIRROR_HEADER} are counted and recorded as mirror copies, apart
 * from ordinary requests; they are answered the same way.
 */
public final class SyntheticPod {
  /** Marker header the data plane puts on mirrored copies. */
  public static final String MIRROR_HEADER = ProxyHeaders.MIRROR;
  /** Response header naming the pod that answered. */
  public static final String POD_HEADER = "x-trafficlab-pod";
  /** The attempt number the proxy puts on upstream requests (Envoy's, Istio turns it on). */
  public static final String ATTEMPT_HEADER = "x-envoy-attempt-count";
  private static final int MAX_MIRROR_RECORDS = 1000;

  private final PodDef def;
  private final Scheduler scheduler;
  private final OutboundCaller caller;
  private final SplittableRandom random;
  private final long podSeed;
  private final Object lock = new Object();
  private final List<MirrorCopy> mirrors = new ArrayList<>();
  private long requests;
  private long mirrorRequests;
  private int inFlight;
  private int maxInFlight;
  private HttpServerEndpoint endpoint;

  private SyntheticPod(PodDef def, Scheduler scheduler, OutboundCaller caller, long seed) {
    this.def = def;
    this.scheduler = scheduler;
    this.caller = caller;
    this.podSeed = seedFor(seed, def.name());
    this.random = new SplittableRandom(podSeed);
  }

  /** The pod's random seed: the run's seed mixed with the pod name, so pods differ. */
  static long seedFor(long seed, String podName) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < podName.length(); i++) {
      h = (h ^ podName.charAt(i)) * 0x100000001B3L;
    }
    return h;
  }

  /** Starts the pod's server (ephemeral port on 127.0.0.1). */
  public static CompletableFuture<SyntheticPod> start(EngineRuntime runtime, PodDef def, long seed,
      OutboundCaller caller) {
    SyntheticPod pod = new SyntheticPod(def, runtime.scheduler(), caller, seed);
    return HttpServerEndpoint.bind(runtime, pod::serve, ServerOptions.PLAIN).thenApply(e -> {
      pod.endpoint = e;
      return pod;
    });
  }

  public PodDef def() {
    return def;
  }

  public String name() {
    return def.name();
  }

  public InetSocketAddress address() {
    return endpoint.address();
  }

  /** {@code 127.0.0.1:40003}. */
  public String hostPort() {
    return endpoint.hostPort();
  }

  /** Ordinary (non-mirror) requests received. */
  public long requestCount() {
    synchronized (lock) {
      return requests;
    }
  }

  /** Mirrored copies received. */
  public long mirrorCount() {
    synchronized (lock) {
      return mirrorRequests;
    }
  }

  /** The first mirror copies received (at most 1000). */
  public List<MirrorCopy> mirrorCopies() {
    synchronized (lock) {
      return List.copyOf(mirrors);
    }
  }

  /** The most requests this pod was serving at the same time. */
  public int maxInFlight() {
    synchronized (lock) {
      return maxInFlight;
    }
  }

  /** TCP connections accepted (keep-alive clients reuse them). */
  public int connectionsAccepted() {
    return endpoint.connectionsAccepted();
  }

  public CompletableFuture<Void> stop() {
    return endpoint.close();
  }

  private CompletionStage<ResponseMessage> serve(ConnectionInfo connection, RequestMessage request) {
    PodBehavior behavior = def.behavior();
    boolean mirror = request.headers().contains(MIRROR_HEADER);
    boolean fail;
    synchronized (lock) {
      if (mirror) {
        mirrorRequests++;
        if (mirrors.size() < MAX_MIRROR_RECORDS) {
          mirrors.add(new MirrorCopy(request.method(), request.uri(), request.authority()));
        }
      } else {
        requests++;
      }
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Drawn for every request, so the sequence of outcomes depends only on the seed and order.
      double draw = random.nextDouble();
      String key = requestKey(request);
      if (key != null) {
        draw = new SplittableRandom(seedFor(podSeed, key)).nextDouble();
      }
      fail = draw < behavior.errorRate();
    }
    long arrived = ProxyHeaders.time(request.headers().get(ProxyHeaders.TIME),
        scheduler.ticker().nanoTime());
    long[] clock = {arrived};
    CompletableFuture<List<PodEcho.CallRecord>> calls = callAll(behavior.calls(), request, clock);
    return calls
        .thenCompose(records -> delay(behavior.latencyMs()).thenApply(v -> records))
        .thenApply(records -> answer(request, records, fail ? behavior.errorStatus() : 200, mirror,
            clock[0] + Math.round(Math.max(0, behavior.latencyMs()) * 1_000_000)))
        .whenComplete((r, e) -> {
          synchronized (lock) {
            inFlight--;
          }
        });
  }

  /**
   * The key a request's error draw derives from, when the proxy keyed it: the run's random key, the
   * attempt number and the request, so that a retry draws afresh and a seeded run fails the same
   * requests whatever the arrival order. Null for unkeyed requests (drawn in arrival order).
   */
  private static String requestKey(RequestMessage request) {
    String seq = request.headers().get(ProxyHeaders.SEQUENCE);
    if (seq == null) {
      return null;
    }
    return seq + "|" + request.headers().get(ATTEMPT_HEADER) + "|" + request.method() + " "
        + request.uri();
  }

  /**
   * Makes the calls one after another; {@code clock[0]} is the pod's simulated time, advanced by
   * each call's simulated latency and stamped on the next call.
   */
  private CompletableFuture<List<PodEcho.CallRecord>> callAll(List<PodBehavior.Call> calls,
      RequestMessage inbound, long[] clock) {
    CompletableFuture<List<PodEcho.CallRecord>> chain =
        CompletableFuture.completedFuture(new ArrayList<>());
    for (PodBehavior.Call call : calls) {
      chain = chain.thenCompose(records -> {
        RequestMessage stamped = inbound.withHeaders(
            inbound.headers().set(ProxyHeaders.TIME, Long.toString(clock[0])));
        return callOne(call, stamped).thenApply(r -> {
          clock[0] += Math.round(r.latencyMs() * 1_000_000);
          records.add(r);
          return records;
        });
      });
    }
    return chain;
  }

  private CompletableFuture<PodEcho.CallRecord> callOne(PodBehavior.Call call,
      RequestMessage inbound) {
    CompletableFuture<CallResult> f;
    try {
      f = caller.call(def, call, inbound);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.handle((result, error) -> error == null && result != null
        ? new PodEcho.CallRecord(call.host(), call.path(), result.status(), result.latencyMs(), null)
        : new PodEcho.CallRecord(call.host(), call.path(), 0, 0, describe(error)));
  }

  private static String describe(Throwable error) {
    Throwable t = error;
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t == null ? "no result" : t.getMessage() == null ? t.getClass().getSimpleName()
        : t.getMessage();
  }

  private CompletableFuture<Void> delay(double latencyMs) {
    if (!(latencyMs > 0)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    scheduler.schedule(Duration.ofNanos(Math.round(latencyMs * 1_000_000)),
        () -> done.complete(null));
    return done;
  }

  private ResponseMessage answer(RequestMessage request, List<PodEcho.CallRecord> calls, int status,
      boolean mirror, long doneAt) {
    PodEcho echo = new PodEcho(def.name(), def.service(), def.namespace(), def.labels(),
        request.method(), request.uri(), request.authority() == null ? "" : request.authority(),
        request.headers().toMap(), calls, mirror);
    Headers headers = Headers.EMPTY.set("content-type", "application/json");
    for (Map.Entry<String, String> h : def.behavior().responseHeaders().entrySet()) {
      headers = headers.set(h.getKey(), h.getValue());
    }
    headers = headers.set(POD_HEADER, def.name());
    headers = headers.set(ProxyHeaders.TIME, Long.toString(doneAt));
    return ResponseMessage.ofFreshBody(status, headers, echo.toJson());
  }
}
