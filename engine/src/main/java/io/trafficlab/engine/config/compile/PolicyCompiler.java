package io.trafficlab.engine.config.compile;

import io.trafficlab.engine.config.value.GoDuration;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import io.trafficlab.engine.core.lb.LbPolicy;
import io.trafficlab.engine.core.policy.ClusterPolicy;
import io.trafficlab.engine.core.policy.ConnectionPoolPolicy;
import io.trafficlab.engine.core.policy.FaultPolicy;
import io.trafficlab.engine.core.policy.OutlierPolicy;
import io.trafficlab.engine.core.policy.RetryPolicy;
import io.trafficlab.engine.core.policy.RoutePolicy;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles the resilience parts of validated config into core policy records, the way Istio
 * translates them for Envoy (istio-semantics §5, §6). Input is already validated: malformed values
 * that slipped through fall back to defaults rather than fail. Fields may be written with their
 * JSON (camelCase) or proto (snake_case) names.
 */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  // ---------------------------------------------------------------- routes

  /** The timeout, retries and fault of one {@code spec.http[i]} rule. */
  public static RoutePolicy route(YamlMap httpRoute) {
    Optional<Duration> timeout = duration(httpRoute, "timeout").filter(d -> !d.isZero());
    RetryPolicy retries = map(httpRoute, "retries").map(PolicyCompiler::retries)
        .orElseGet(RetryPolicy::istioDefault);
    FaultPolicy fault = map(httpRoute, "fault").map(PolicyCompiler::fault).orElse(FaultPolicy.NONE);
    return new RoutePolicy(timeout, retries, fault);
  }

  /** Istio's {@code retry.ConvertPolicy}: the default policy with the user's overrides. */
  static RetryPolicy retries(YamlMap r) {
    long attempts = integer(r, "attempts").orElse(0L);
    if (attempts <= 0) {
      return RetryPolicy.none();
    }
    RetryPolicy d = RetryPolicy.istioDefault();
    Set<String> retryOn = d.retryOn();
    Set<Integer> codes = d.retriableStatusCodes();
    Optional<String> on = string(r, "retryOn").filter(s -> !s.isBlank());
    if (on.isPresent()) {
      Set<String> policies = new LinkedHashSet<>();
      Set<Integer> statuses = new LinkedHashSet<>();
      for (String part : on.get().split(",")) {
        String p = part.trim();
        if (p.isEmpty()) {
          continue;
        }
        if (p.matches("[0-9]{1,3}") && HttpStatuses.known(Integer.parseInt(p))) {
          statuses.add(Integer.parseInt(p));
        } else {
          policies.add(p);
        }
      }
      // Istio adds retriable-status-codes when codes are listed without it.
      if (!statuses.isEmpty()) {
        policies.add("retriable-status-codes");
      }
      retryOn = policies;
      codes = statuses;
    }
    Optional<Duration> perTry = duration(r, "perTryTimeout").filter(x -> !x.isZero());
    boolean ignorePrevious = bool(r, "retryIgnorePreviousHosts").orElse(true);
    Duration backoff = duration(r, "backoff").filter(x -> !x.isZero())
        .orElse(RetryPolicy.DEFAULT_BACKOFF);
    return new RetryPolicy((int) Math.min(Integer.MAX_VALUE, attempts), retryOn, codes, perTry,
        ignorePrevious, backoff);
  }

  /** Istio's {@code TranslateFault}: no percentage means 0 %, integer {@code percent} is deprecated. */
  static FaultPolicy fault(YamlMap f) {
    Optional<FaultPolicy.Delay> delay = map(f, "delay").flatMap(d -> duration(d, "fixedDelay")
        .map(fixed -> new FaultPolicy.Delay(fixed, percent(d))));
    Optional<FaultPolicy.Abort> abort = map(f, "abort").flatMap(a -> integer(a, "httpStatus")
        .map(status -> new FaultPolicy.Abort(status.intValue(), percent(a))));
    return new FaultPolicy(delay, abort);
  }

  private static double percent(YamlMap m) {
    Optional<YamlMap> percentage = map(m, "percentage");
    if (percentage.isPresent()) {
      return number(percentage.get(), "value").orElse(0.0);
    }
    return integer(m, "percent").map(Long::doubleValue).orElse(0.0);
  }

  // ---------------------------------------------------------------- clusters

  /**
   * The policy in force for a cluster, as Istio's {@code MergeSubsetTrafficPolicy}: the
   * DestinationRule's trafficPolicy (replaced entirely by a matching portLevelSettings entry), then
   * each top-level block the subset's trafficPolicy sets replaces the one from above (no deep
   * merge); if the subset's own portLevelSettings match the port, every block comes from that entry
   * and omitted blocks fall back to defaults.
   *
   * @param destinationRuleSpec the DR's spec, or empty when no DestinationRule covers the host
   */
  public static ClusterPolicy cluster(Optional<YamlMap> destinationRuleSpec, Optional<String> subset,
      int port) {
    if (destinationRuleSpec.isEmpty()) {
      return ClusterPolicy.DEFAULT;
    }
    YamlMap spec = destinationRuleSpec.get();
    Optional<Blocks> top = map(spec, "trafficPolicy").map(tp -> Blocks.forPort(tp, port));
    Optional<YamlMap> subsetPolicy = subset.flatMap(name -> subsetMap(spec, name))
        .flatMap(s -> map(s, "trafficPolicy"));
    Blocks merged;
    if (subsetPolicy.isEmpty()) {
      merged = top.orElse(Blocks.NONE);
    } else {
      Blocks sub = Blocks.forPort(subsetPolicy.get(), port);
      merged = top.map(t -> t.overriddenBy(sub)).orElse(sub);
    }
    return new ClusterPolicy(
        merged.loadBalancer.map(PolicyCompiler::loadBalancer).orElse(LbPolicy.DEFAULT),
        merged.connectionPool.map(PolicyCompiler::connectionPool)
            .orElse(ConnectionPoolPolicy.DEFAULT),
        merged.outlierDetection.map(PolicyCompiler::outlier));
  }

  private static Optional<YamlMap> subsetMap(YamlMap spec, String name) {
    Optional<YamlSeq> subsets = seq(spec, "subsets");
    if (subsets.isEmpty()) {
      return Optional.empty();
    }
    for (YamlNode n : subsets.get()) {
      if (n instanceof YamlMap m && string(m, "name").filter(name::equals).isPresent()) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The top-level blocks of a traffic policy that the engine runs (tls is the data plane's). */
  private record Blocks(Optional<YamlMap> loadBalancer, Optional<YamlMap> connectionPool,
      Optional<YamlMap> outlierDetection, boolean portLevel) {

    static final Blocks NONE = new Blocks(Optional.empty(), Optional.empty(), Optional.empty(), false);

    static Blocks of(YamlMap policy, boolean portLevel) {
      return new Blocks(map(policy, "loadBalancer"), map(policy, "connectionPool"),
          map(policy, "outlierDetection"), portLevel);
    }

    /** {@code GetPortLevelTrafficPolicy}: a matching entry replaces the whole policy. */
    static Blocks forPort(YamlMap policy, int port) {
      Optional<YamlSeq> settings = seq(policy, "portLevelSettings");
      if (settings.isPresent()) {
        for (YamlNode n : settings.get()) {
          if (n instanceof YamlMap entry && map(entry, "port").flatMap(p -> integer(p, "number"))
              .filter(num -> num == port).isPresent()) {
            return of(entry, true);
          }
        }
      }
      return of(policy, false);
    }

    /** {@code mergeTrafficPolicy}: a block the subset sets (or every block, at port level) wins. */
    Blocks overriddenBy(Blocks sub) {
      return new Blocks(
          sub.loadBalancer.isPresent() || sub.portLevel ? sub.loadBalancer : loadBalancer,
          sub.connectionPool.isPresent() || sub.portLevel ? sub.connectionPool : connectionPool,
          sub.outlierDetection.isPresent() || sub.portLevel ? sub.outlierDetection : outlierDetection,
          sub.portLevel);
    }
  }

  static LbPolicy loadBalancer(YamlMap lb) {
    Optional<String> simple = string(lb, "simple");
    if (simple.isPresent()) {
      return switch (simple.get()) {
        case "ROUND_ROBIN" -> new LbPolicy.Simple(LbPolicy.Algorithm.ROUND_ROBIN);
        case "RANDOM" -> new LbPolicy.Simple(LbPolicy.Algorithm.RANDOM);
        case "PASSTHROUGH" -> new LbPolicy.Simple(LbPolicy.Algorithm.PASSTHROUGH);
        // LEAST_CONN is the deprecated alias; UNSPECIFIED means Istio's default.
        default -> new LbPolicy.Simple(LbPolicy.Algorithm.LEAST_REQUEST);
      };
    }
    Optional<YamlMap> ch = map(lb, "consistentHash");
    if (ch.isPresent()) {
      YamlMap c = ch.get();
      Optional<String> header = string(c, "httpHeaderName");
      if (header.isPresent()) {
        return new LbPolicy.ConsistentHash(new LbPolicy.Header(header.get().toLowerCase(Locale.ROOT)));
      }
      Optional<String> cookie = map(c, "httpCookie").flatMap(k -> string(k, "name"));
      if (cookie.isPresent()) {
        return new LbPolicy.ConsistentHash(new LbPolicy.Cookie(cookie.get()));
      }
      Optional<String> query = string(c, "httpQueryParameterName");
      if (query.isPresent()) {
        return new LbPolicy.ConsistentHash(new LbPolicy.QueryParameter(query.get()));
      }
      if (bool(c, "useSourceIp").orElse(false)) {
        return new LbPolicy.ConsistentHash(new LbPolicy.SourceIp());
      }
    }
    return LbPolicy.DEFAULT;
  }

  /** Istio's {@code applyConnectionPool}: zero or unset limits keep Envoy's effectively unlimited. */
  static ConnectionPoolPolicy connectionPool(YamlMap pool) {
    ConnectionPoolPolicy d = ConnectionPoolPolicy.DEFAULT;
    Optional<YamlMap> tcp = map(pool, "tcp");
    Optional<YamlMap> http = map(pool, "http");
    return new ConnectionPoolPolicy(
        positive(tcp, "maxConnections").orElse(d.maxConnections()),
        positive(http, "http1MaxPendingRequests").orElse(d.http1MaxPendingRequests()),
        positive(http, "http2MaxRequests").orElse(d.http2MaxRequests()),
        positive(http, "maxRequestsPerConnection").orElse(d.maxRequestsPerConnection()),
        positive(http, "maxRetries").orElse(d.maxRetries()),
        tcp.flatMap(t -> duration(t, "connectTimeout")).filter(x -> !x.isZero())
            .orElse(d.connectTimeout()));
  }

  /**
   * Istio's {@code applyOutlierDetection}: consecutive5xxErrors defaults to 5 (0 disables),
   * consecutiveGatewayErrors is off unless set, maxEjectionPercent 0 leaves Envoy's 10, and the
   * deprecated consecutiveErrors is ignored.
   */
  static OutlierPolicy outlier(YamlMap o) {
    OutlierPolicy d = OutlierPolicy.defaults();
    int c5xx = integer(o, "consecutive5xxErrors").map(PolicyCompiler::clampInt)
        .orElse(d.consecutive5xxErrors());
    int gateway = integer(o, "consecutiveGatewayErrors").map(PolicyCompiler::clampInt).orElse(0);
    Duration interval = duration(o, "interval").filter(x -> !x.isZero()).orElse(d.interval());
    Duration base = duration(o, "baseEjectionTime").orElse(d.baseEjectionTime());
    int maxPercent = integer(o, "maxEjectionPercent").filter(v -> v > 0)
        .map(v -> (int) Math.min(100, v)).orElse(d.maxEjectionPercent());
    int minHealth = integer(o, "minHealthPercent").map(v -> (int) Math.max(0, Math.min(100, v)))
        .orElse(0);
    return new OutlierPolicy(c5xx, gateway, interval, base, maxPercent, minHealth);
  }

  private static int clampInt(long v) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, v));
  }

  // ---------------------------------------------------------------- field access

  /** Proto names that camelCase → snake_case does not produce. */
  private static final Map<String, String> PROTO_NAMES =
      Map.of("consecutive5xxErrors", "consecutive_5xx_errors");

  private static YamlNode field(YamlMap m, String jsonName) {
    YamlNode n = m.get(jsonName);
    if (n == null) {
      n = m.get(PROTO_NAMES.getOrDefault(jsonName, snake(jsonName)));
    }
    if (n instanceof YamlScalar s && s.isNull()) {
      return null;
    }
    return n;
  }

  private static String snake(String camel) {
    StringBuilder b = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('_').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static Optional<YamlMap> map(YamlMap m, String key) {
    return field(m, key) instanceof YamlMap v ? Optional.of(v) : Optional.empty();
  }

  private static Optional<YamlSeq> seq(YamlMap m, String key) {
    return field(m, key) instanceof YamlSeq v ? Optional.of(v) : Optional.empty();
  }

  private static Optional<String> string(YamlMap m, String key) {
    return field(m, key) instanceof YamlScalar s ? Optional.of(s.value()) : Optional.empty();
  }

  private static Optional<Boolean> bool(YamlMap m, String key) {
    if (!(field(m, key) instanceof YamlScalar s)) {
      return Optional.empty();
    }
    Optional<Boolean> b = s.asBoolean();
    return b.isPresent() ? b : switch (s.value()) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** An integer, also when quoted (proto JSON accepts {@code "5"} for integer fields). */
  private static Optional<Long> integer(YamlMap m, String key) {
    if (!(field(m, key) instanceof YamlScalar s)) {
      return Optional.empty();
    }
    Optional<Long> v = s.asLong();
    if (v.isPresent()) {
      return v;
    }
    String t = s.value().trim();
    if (t.matches("[-+]?[0-9]{1,18}")) {
      return Optional.of(Long.parseLong(t.startsWith("+") ? t.substring(1) : t));
    }
    return s.asDouble().filter(x -> x == Math.rint(x) && Math.abs(x) < 1e18).map(Double::longValue);
  }

  private static Optional<Long> positive(Optional<YamlMap> m, String key) {
    return m.flatMap(x -> integer(x, key)).filter(v -> v > 0);
  }

  private static Optional<Double> number(YamlMap m, String key) {
    if (!(field(m, key) instanceof YamlScalar s)) {
      return Optional.empty();
    }
    Optional<Double> v = s.asDouble();
    if (v.isPresent()) {
      return v;
    }
    try {
      return Optional.of(Double.parseDouble(s.value().trim()));
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> duration(YamlMap m, String key) {
    return string(m, key).flatMap(PolicyCompiler::parseDuration);
  }

  /** Go's {@code time.ParseDuration} for non-negative values: {@code 1h30m}, {@code 0.5s}, {@code 100ms}. */
  static Optional<Duration> parseDuration(String text) {
    return GoDuration.value(text.trim()).filter(d -> !d.isNegative());
  }

  /** The status codes Go's {@code http.StatusText} knows; Istio reads only those as codes in retryOn. */
  private static final class HttpStatuses {
    private static final Set<Integer> KNOWN = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204,
        205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404,
        405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424,
        425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511);

    static boolean known(int code) {
      return KNOWN.contains(code);
    }
  }
}
