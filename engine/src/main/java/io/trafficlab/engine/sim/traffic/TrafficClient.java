package io.trafficlab.engine.sim.traffic;

import io.netty.handler.ssl.SslContext;
import io.trafficlab.engine.dataplane.EngineRuntime;
import io.trafficlab.engine.dataplane.EventLoopScheduler;
import io.trafficlab.engine.dataplane.http.ClientConnectionPool;
import io.trafficlab.engine.dataplane.http.ClientEndpoint;
import io.trafficlab.engine.dataplane.http.Headers;
import io.trafficlab.engine.core.topology.HostNames;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import io.trafficlab.engine.dataplane.http.StaleConnectionException;
import io.trafficlab.engine.dataplane.proxy.ProxyHeaders;
import io.trafficlab.engine.dataplane.tls.GatewayCertificates;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The synthetic HTTP/1.1 client (curl's role): sends a {@link TrafficRequest} to a listener and
 * returns the {@link RawResponse}. Keeps keep-alive connections per (listener, TLS, SNI) so that
 * thousands of sequential requests share one connection. Latency is measured on the scheduler's
 * ticker, so it is in simulated milliseconds. The returned future never fails: transport errors
 * come back as a response with status 0 and an {@code error}.
 */
public final class TrafficClient implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_RESPONSE_BYTES = 4 << 20;

  private final EngineRuntime runtime;
  private final EventLoopScheduler scheduler;
  private final java.util.function.Supplier<SslContext> tlsContext;
  private volatile SslContext tls;
  private final ClientConnectionPool pool;

  /** A client whose TLS trusts any certificate (built on first TLS use: it is slow to make). */
  public TrafficClient(EngineRuntime runtime) {
    this(runtime, GatewayCertificates::insecureClientContext);
  }

  public TrafficClient(EngineRuntime runtime, SslContext tlsContext) {
    this(runtime, () -> tlsContext);
  }

  private TrafficClient(EngineRuntime runtime, java.util.function.Supplier<SslContext> tlsContext) {
    this.runtime = runtime;
    this.scheduler = runtime.scheduler();
    this.tlsContext = tlsContext;
    this.pool = new ClientConnectionPool(runtime, MAX_RESPONSE_BYTES, 256);
  }

  private SslContext tls() {
    SslContext t = tls;
    if (t == null) {
      synchronized (this) {
        if (tls == null) {
          tls = tlsContext.get();
        }
        t = tls;
      }
    }
    return t;
  }

  /** An executor on the runtime's event loops (for callers that must not recurse). */
  Executor executor() {
    return runtime.group();
  }

  /**
   * Sends one request. It carries its simulated send instant in {@link ProxyHeaders#TIME} (the
   * request's own value when it has one, as a pod's call does, else now); when the response carries
   * its completion instant the latency is the difference, i.e. the simulated waits on the way,
   * otherwise the scaled real time measured here.
   */
  public CompletableFuture<RawResponse> send(TrafficRequest request) {
    long start = scheduler.ticker().nanoTime();
    ClientEndpoint endpoint = request.tls()
        ? new ClientEndpoint(request.target(), tls(), HostNames.stripPort(request.host()))
        : ClientEndpoint.plain(request.target());
    RequestMessage message = toMessage(request);
    long sent = ProxyHeaders.time(message.headers().get(ProxyHeaders.TIME), start);
    RequestMessage stamped = message.withHeaders(
        message.headers().set(ProxyHeaders.TIME, Long.toString(sent)));
    return attempt(endpoint, stamped, true)
        .handle((response, error) -> error != null
            ? new RawResponse(0, Map.of(), "", scheduler.millisSince(start), describe(error))
            : toRaw(response, latencyMs(response, sent, start)));
  }

  private double latencyMs(ResponseMessage response, long sent, long start) {
    long done = ProxyHeaders.time(response.headers().get(ProxyHeaders.TIME), Long.MIN_VALUE);
    return done >= sent ? (done - sent) / 1_000_000.0 : scheduler.millisSince(start);
  }

  private CompletableFuture<ResponseMessage> attempt(ClientEndpoint endpoint,
      RequestMessage message, boolean mayRetryStale) {
    return pool.acquire(endpoint, CONNECT_TIMEOUT).thenCompose(lease ->
        lease.connection().send(message).handle((response, error) -> {
          pool.release(lease);
          if (error == null) {
            return CompletableFuture.completedFuture(response);
          }
          if (mayRetryStale && lease.reused() && unwrap(error) instanceof StaleConnectionException) {
            return attempt(endpoint, message, false);
          }
          return CompletableFuture.<ResponseMessage>failedFuture(unwrap(error));
        }).thenCompose(f -> f));
  }

  static RequestMessage toMessage(TrafficRequest r) {
    Headers headers = Headers.EMPTY.set("host", r.host());
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("host")) {
        headers = headers.add(h.getKey(), h.getValue());
      }
    }
    return new RequestMessage(r.method(), r.path(), headers, new byte[0]);
  }

  private static RawResponse toRaw(ResponseMessage m, double latencyMs) {
    byte[] body = m.body();
    int n = Math.min(body.length, RawResponse.BODY_LIMIT);
    // Cut at a character boundary: never leave half of a UTF-8 sequence at the end.
    while (n > 0 && n < body.length && (body[n] & 0xC0) == 0x80) {
      n--;
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(body, 0, n)).toString();
    } catch (java.nio.charset.CharacterCodingException impossibleWithReplace) {
      text = "";
    }
    return new RawResponse(m.status(), m.headers().toMap(), text, latencyMs, null);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static String describe(Throwable t) {
    Throwable c = unwrap(t);
    String m = c.getMessage();
    return m == null || m.isEmpty() ? c.getClass().getSimpleName() : m;
  }

  /** Connections opened since creation (keep-alive reuse keeps this low). */
  public long connectionsOpened() {
    return pool.connectionsOpened();
  }

  public int openConnections() {
    return pool.openConnections();
  }

  @Override
  public void close() {
    pool.close();
  }
}
