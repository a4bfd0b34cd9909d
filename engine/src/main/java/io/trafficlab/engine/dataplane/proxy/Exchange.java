package io.trafficlab.engine.dataplane.proxy;

import io.netty.util.concurrent.EventExecutor;
import io.trafficlab.engine.core.ResponseFlag;
import io.trafficlab.engine.core.exchange.AttemptOutcome;
import io.trafficlab.engine.core.exchange.Deadline;
import io.trafficlab.engine.core.exchange.Durations;
import io.trafficlab.engine.core.exchange.FaultDecision;
import io.trafficlab.engine.core.exchange.RetryDecision;
import io.trafficlab.engine.core.exchange.RetryState;
import io.trafficlab.engine.core.lb.Endpoint;
import io.trafficlab.engine.core.outlier.HostResult;
import io.trafficlab.engine.core.policy.FaultPolicy;
import io.trafficlab.engine.core.policy.RoutePolicy;
import io.trafficlab.engine.core.pool.Admission;
import io.trafficlab.engine.core.route.Cluster;
import io.trafficlab.engine.core.route.Listener;
import io.trafficlab.engine.core.route.RequestView;
import io.trafficlab.engine.core.route.RouteDecision;
import io.trafficlab.engine.core.time.Cancellable;
import io.trafficlab.engine.dataplane.Inbound;
import io.trafficlab.engine.dataplane.http.Headers;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * One request through the proxy, Envoy's filter chain in order: route decision → local replies
 * (404 NR, 503 NC/UH, redirects, direct responses) → fault filter (abort FI, delay DI) → router:
 * route timeout over all attempts (504 UT), then per attempt circuit-breaker admission (503 UO,
 * never retried), an outlier-healthy host from the load balancer (avoiding previous hosts on a
 * retry), the upstream request with its per-try timeout, and the core's retry decision with backoff.
 * Mirrors are sent fire-and-forget when the router starts.
 *
 * <p>Threading: every step runs on {@code loop}, the downstream connection's event loop; timer and
 * future callbacks hop back to it, so the fields need no locks. Nothing blocks. Each callback first
 * checks {@code done} or its attempt's {@code ended}: a late response or timer is ignored.
 */
final class Exchange {
  private static final Cancellable NONE = () -> { };
  private static final String ATTEMPT_COUNT = "x-envoy-attempt-count";
  private static final String RESET_BODY =
      "upstream connect error or disconnect/reset before headers. reset reason: ";

  private final Proxy proxy;
  private final CallingProxy caller;
  private final RequestMessage request;
  private final RequestView view;
  private final EventExecutor loop;
  private final SplittableRandom random;
  private final String traceId;
  /** The request chain whose own load LEAST_REQUEST reads (null: everyone's), see Proxy#isolate. */
  private final String chain;
  private final CompletableFuture<ResponseMessage> result = new CompletableFuture<>();
  private final List<String> flags = new ArrayList<>(2);
  private final List<String> notes = new ArrayList<>(2);
  private final List<ExchangeTrace.MirrorSent> mirrors = new ArrayList<>(0);
  private String routeText = "";
  private RouteDecision.Forward forward;
  private ClusterState cluster;
  private RetryState retries;
  private Deadline deadline;
  private Cancellable routeTimer = NONE;
  private Cancellable perTryTimer = NONE;
  private Cancellable backoffTimer = NONE;
  /** The simulated instant this exchange has reached (see {@link ProxyHeaders#TIME}). */
  private long simNow;
  /** When the route timeout expires, in simulated time; {@code Long.MAX_VALUE} without one. */
  private long routeDue = Long.MAX_VALUE;
  private Attempt current;
  private Set<String> avoid = Set.of();
  private int attempts;
  private byte[] upstreamBody;
  private boolean done;

  /** One try: picked host, then admission, then (maybe) the upstream request. */
  private static final class Attempt {
    final Endpoint host;
    long ticket = -1;
    long connectionId = -1;
    long perTryDue = Long.MAX_VALUE;
    CompletableFuture<ResponseMessage> inFlight;
    boolean ended;

    Attempt(Endpoint host) {
      this.host = host;
    }
  }

  Exchange(Proxy proxy, CallingProxy caller, Listener listener, Inbound inbound,
      RequestMessage request, EventExecutor loop, long randomSeed, String chain) {
    this.proxy = proxy;
    this.caller = caller;
    this.request = request;
    this.loop = loop;
    this.random = new SplittableRandom(randomSeed);
    this.traceId = request.headers().get(ProxyHeaders.TRACE);
    this.chain = chain;
    this.view = view(listener, inbound, request);
    this.simNow = ProxyHeaders.time(request.headers().get(ProxyHeaders.TIME), now());
  }

  CompletableFuture<ResponseMessage> result() {
    return result;
  }

  private static RequestView view(Listener listener, Inbound inbound, RequestMessage r) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Headers.Entry e : r.headers().entries()) {
      headers.computeIfAbsent(e.name(), k -> new ArrayList<>(1)).add(e.value());
    }
    boolean tls = inbound.connection() != null && inbound.connection().tls();
    InetSocketAddress remote = inbound.connection() == null ? null : inbound.connection().remote();
    String source = remote == null ? null : remote.getHostString();
    String authority = r.authority();
    return new RequestView(listener, tls ? "https" : "http", r.method(),
        authority == null ? "" : authority, r.uri(), headers, source, tls);
  }

  void start() {
    RouteDecision d;
    try {
      d = proxy.table().route(view, random.nextLong());
    } catch (RuntimeException e) {
      routeText = "routing failed: " + e;
      finish(ResponseMessage.text(500, "internal error"));
      return;
    }
    if (d instanceof RouteDecision.Redirect r) {
      routeText = r.explanation().route();
      finish(new ResponseMessage(r.status(), Headers.EMPTY.set("location", r.location()), null));
    } else if (d instanceof RouteDecision.DirectResponse dr) {
      routeText = dr.explanation().route();
      ResponseMessage m = ResponseMessage.text(dr.status(), dr.body());
      finish(m.withHeaders(HeaderOps.apply(m.headers(), dr.responseHeaderOps())));
    } else if (d instanceof RouteDecision.LocalReply lr) {
      routeText = lr.flag() == ResponseFlag.NR
          ? lr.explanation().virtualHost() + " › " + lr.explanation().route()
          : lr.explanation().route();
      Runnable reply = () -> {
        flags.add(lr.flag().code());
        finish(ResponseMessage.text(lr.status(), lr.body()));
      };
      fault(lr.policy().map(RoutePolicy::fault).orElse(FaultPolicy.NONE), reply);
    } else {
      forward = (RouteDecision.Forward) d;
      routeText = forward.explanation().route();
      fault(forward.policy().fault(), this::router);
    }
  }

  // ---- fault filter -------------------------------------------------------------------------

  private void fault(FaultPolicy policy, Runnable next) {
    if (policy.isNone()) {
      next.run();
      return;
    }
    FaultDecision f = FaultDecision.decide(policy, random.nextLong());
    if (f.isNone()) {
      next.run();
      return;
    }
    notes.add(f.reason());
    flags.addAll(f.flags());
    Runnable after = () -> {
      if (f.abortStatus().isPresent()) {
        finish(ResponseMessage.text(f.abortStatus().getAsInt(), FaultDecision.ABORT_BODY));
      } else {
        next.run();
      }
    };
    if (f.delay().isPresent()) {
      long due = simNow + f.delay().get().toNanos();
      schedule(f.delay().get(), () -> {
        simNow = Math.max(simNow, due);
        after.run();
      });
    } else {
      after.run();
    }
  }

  // ---- router -------------------------------------------------------------------------------

  private void router() {
    cluster = caller.cluster(forward.cluster());
    sendMirrors();
    RoutePolicy policy = forward.policy();
    retries = new RetryState(policy.retries(), cluster);
    deadline = Deadline.start(policy.timeout(), simNow);
    policy.timeout().ifPresent(t -> {
      routeDue = simNow + t.toNanos();
      routeTimer = schedule(t, () -> onRouteTimeout(routeDue));
    });
    attempt();
  }

  private void attempt() {
    if (done) {
      return;
    }
    ClusterState.Pick pick = cluster.pick(view, random.nextLong(), avoid, chain);
    if (pick.endpoint() == null) {
      notes.add(pick.note());
      retries.close();
      routerReply(ResponseFlag.UH, 503, "no healthy upstream");
      return;
    }
    Attempt a = new Attempt(pick.endpoint());
    current = a;
    Admission admission = cluster.admit(a.host.name(), chain,
        (later, at) -> onLoop(() -> admitted(a, later, at)));
    admitted(a, admission, simNow);
  }

  /** @param at the simulated instant the admission was made (a queued request waited until then) */
  private void admitted(Attempt a, Admission admission, long at) {
    if (done || a != current || a.ended) {
      if (admission instanceof Admission.Dispatched d) {
        cluster.release(a.host.name(), chain, d.connectionId(), true, at);
      }
      return;
    }
    simNow = Math.max(simNow, at);
    if (admission instanceof Admission.Dispatched d) {
      a.connectionId = d.connectionId();
      send(a);
    } else if (admission instanceof Admission.Queued) {
      a.ticket = admission.ticket();
      notes.add(admission.reason());
    } else {
      a.ended = true;
      notes.add(admission.reason());
      retries.close();
      routerReply(ResponseFlag.UO, 503, RESET_BODY + "overflow");
    }
  }

  private void send(Attempt a) {
    attempts++;
    InetSocketAddress address = proxy.podAddress(a.host.name());
    RequestMessage upstream = upstreamRequest(retries.attempt());
    deadline.attemptTimer(forward.policy().retries().perTryTimeout(), simNow)
        .filter(Deadline.AttemptTimer::perTry)
        .ifPresent(t -> {
          a.perTryDue = simNow + t.after().toNanos();
          perTryTimer = schedule(t.after(), () -> perTryTimeout(a));
        });
    Duration connectTimeout = forward.cluster().policy().pool().connectTimeout();
    a.inFlight = address == null
        ? CompletableFuture.failedFuture(new java.net.ConnectException(
            "pod " + a.host.name() + " is not running"))
        : caller.forward(address, upstream, connectTimeout);
    a.inFlight.whenComplete((response, error) -> onLoop(() -> attemptDone(a, response, error)));
  }

  private void attemptDone(Attempt a, ResponseMessage response, Throwable error) {
    if (a.ended) {
      return;
    }
    a.ended = true;
    perTryTimer.cancel();
    if (error == null) {
      // Decide in simulated time: a response completed after the route timeout or the per-try
      // timeout expired (simulated) lost the race, even if it arrived first in real time.
      long at = Math.max(simNow, ProxyHeaders.time(response.headers().get(ProxyHeaders.TIME), simNow));
      if (at > routeDue || at > a.perTryDue) {
        boolean route = routeDue <= a.perTryDue;
        long due = route ? routeDue : a.perTryDue;
        cluster.release(a.host.name(), chain, a.connectionId, true, due);
        cluster.result(a.host.name(), HostResult.TIMEOUT).ifPresent(e -> notes.add(e.reason()));
        simNow = Math.max(simNow, due);
        if (route) {
          onRouteTimeout(due);
        } else {
          afterAttempt(a, AttemptOutcome.PER_TRY_TIMEOUT, null);
        }
        return;
      }
      simNow = at;
    }
    AttemptOutcome outcome;
    HostResult hostResult;
    if (error == null) {
      outcome = AttemptOutcome.response(response.status());
      hostResult = HostResult.status(response.status());
    } else {
      Throwable cause = CallingProxy.unwrap(error);
      boolean connect = cause instanceof java.net.ConnectException
          || cause instanceof io.trafficlab.engine.dataplane.UpstreamRefusedException;
      outcome = connect ? AttemptOutcome.CONNECT_FAILURE : AttemptOutcome.RESET;
      hostResult = connect ? HostResult.CONNECT_FAILED : HostResult.RESET;
    }
    cluster.release(a.host.name(), chain, a.connectionId, error == null, simNow);
    cluster.result(a.host.name(), hostResult).ifPresent(e -> notes.add(e.reason()));
    afterAttempt(a, outcome, response);
  }

  private void perTryTimeout(Attempt a) {
    if (done || a.ended) {
      return;
    }
    a.ended = true;
    simNow = Math.max(simNow, a.perTryDue);
    a.inFlight.cancel(false);
    cluster.release(a.host.name(), chain, a.connectionId, false, simNow);
    cluster.result(a.host.name(), HostResult.TIMEOUT).ifPresent(e -> notes.add(e.reason()));
    afterAttempt(a, AttemptOutcome.PER_TRY_TIMEOUT, null);
  }

  private void afterAttempt(Attempt a, AttemptOutcome outcome, ResponseMessage response) {
    if (done) {
      return;
    }
    current = null;
    RetryDecision decision = retries.onAttempt(outcome, Optional.of(a.host.name()),
        random.nextLong());
    if (decision instanceof RetryDecision.Retry r) {
      notes.add("attempt " + (r.attempt() - 1) + " → " + a.host.name() + ": " + outcome.describe()
          + ", " + r.reason());
      avoid = r.avoidHosts();
      long due = simNow + r.backoff().toNanos();
      backoffTimer = schedule(r.backoff(), () -> {
        if (done) {
          return;
        }
        simNow = Math.max(simNow, due);
        backoffTimer = NONE;
        retries.onRetryStarted();
        attempt();
      });
      return;
    }
    RetryDecision.GiveUp g = (RetryDecision.GiveUp) decision;
    retries.close();
    if (attempts > 1 || g.flag().isPresent() || response == null) {
      notes.add(g.reason());
    }
    g.flag().ifPresent(flags::add);
    if (response != null) {
      upstreamBody = traceId == null ? null : response.body();
      ResponseMessage out = response.withHeaders(HeaderOps.withoutHopByHop(response.headers()));
      finish(out.withHeaders(HeaderOps.apply(out.headers(), forward.responseHeaderOps())));
    } else if (outcome instanceof AttemptOutcome.PerTryTimeout) {
      routerReply(ResponseFlag.UT, 504, "upstream request timeout");
    } else if (outcome instanceof AttemptOutcome.ConnectFailure) {
      routerReply(ResponseFlag.UF, 503, RESET_BODY + "connection failure");
    } else {
      routerReply(ResponseFlag.UC, 503, RESET_BODY + "connection termination");
    }
  }

  private void onRouteTimeout(long due) {
    if (done) {
      return;
    }
    simNow = Math.max(simNow, due);
    Attempt a = current;
    if (a != null && !a.ended) {
      a.ended = true;
      if (a.inFlight != null) {
        a.inFlight.cancel(false);
        cluster.release(a.host.name(), chain, a.connectionId, false, simNow);
        cluster.result(a.host.name(), HostResult.TIMEOUT).ifPresent(e -> notes.add(e.reason()));
      } else if (a.ticket >= 0) {
        cluster.cancel(a.ticket);
      }
    }
    retries.close();
    notes.add("route timeout " + Durations.format(deadline.timeout().orElse(Duration.ZERO))
        + " fired after " + attempts + (attempts == 1 ? " attempt" : " attempts"));
    routerReply(ResponseFlag.UT, 504, "upstream request timeout");
  }

  private void routerReply(ResponseFlag flag, int status, String body) {
    flags.add(flag.code());
    ResponseMessage m = ResponseMessage.text(status, body);
    finish(m.withHeaders(HeaderOps.apply(m.headers(), forward.responseHeaderOps())));
  }

  // ---- mirrors ------------------------------------------------------------------------------

  private void sendMirrors() {
    if (forward.mirrors().isEmpty()) {
      return;
    }
    for (RouteDecision.Mirror m : forward.mirrors()) {
      Cluster c = m.cluster();
      if (c == null || c.endpoints().isEmpty()) {
        notes.add("mirror to " + (c == null ? "an unknown cluster" : c.name())
            + " not sent: no endpoint");
        continue;
      }
      Endpoint e = caller.cluster(c).pickForMirror(view, random.nextLong(), chain);
      InetSocketAddress address = e == null ? null : proxy.podAddress(e.name());
      if (address == null) {
        continue;
      }
      RequestMessage copy = upstreamRequest(1);
      copy = copy.withHeaders(copy.headers().set(ProxyHeaders.MIRROR, "1"));
      caller.forward(address, copy, c.policy().pool().connectTimeout())
          .whenComplete((ignoredResponse, ignoredError) -> { });
      mirrors.add(new ExchangeTrace.MirrorSent(c.service(), c.namespace(), c.subset().orElse(null),
          e.name(), forward.path()));
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /**
   * The request as the pod gets it: rewritten path and authority, header operations applied, the
   * attempt number (Istio turns Envoy's {@code x-envoy-attempt-count} on) and the simulated instant.
   */
  private RequestMessage upstreamRequest(int attempt) {
    List<Headers.Entry> in = request.headers().entries();
    Headers.Builder entries = Headers.builder(in.size() + 3);
    entries.add("host", forward.authority());
    for (int i = 0, n = in.size(); i < n; i++) {
      Headers.Entry e = in.get(i);
      String name = e.name();
      if (!name.equals("host") && !HeaderOps.isHopByHop(name) && !name.equals(ProxyHeaders.TRACE)
          && !name.equals(ProxyHeaders.DESTINATION_PORT) && !name.equals(ProxyHeaders.TIME)
          && !name.equals(ATTEMPT_COUNT)) {
        entries.add(e);
      }
    }
    entries.add(ATTEMPT_COUNT, Integer.toString(attempt));
    entries.add(ProxyHeaders.TIME, Long.toString(simNow));
    Headers headers = HeaderOps.apply(entries.build(), forward.requestHeaderOps());
    return request.with(forward.path(), headers);
  }

  private long now() {
    return proxy.scheduler().ticker().nanoTime();
  }

  private Cancellable schedule(Duration delay, Runnable task) {
    return proxy.scheduler().schedule(delay, () -> onLoop(task));
  }

  private void onLoop(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  private void finish(ResponseMessage response) {
    if (done) {
      return;
    }
    done = true;
    routeTimer.cancel();
    perTryTimer.cancel();
    backoffTimer.cancel();
    ResponseMessage out = response.withHeaders(
        response.headers().set(ProxyHeaders.TIME, Long.toString(simNow)));
    if (!flags.isEmpty()) {
      out = out.withHeaders(out.headers().set(ProxyHeaders.FLAGS, String.join(",", flags)));
    }
    if (traceId != null) {
      String route = notes.isEmpty() ? routeText : routeText + "; " + String.join("; ", notes);
      proxy.traces().put(traceId, new ExchangeTrace(flags, route, attempts,
          forward == null ? null : forward.subset(), upstreamBody, mirrors));
    }
    result.complete(out);
  }
}
