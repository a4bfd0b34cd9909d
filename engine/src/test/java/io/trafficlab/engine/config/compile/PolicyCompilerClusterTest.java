package io.trafficlab.engine.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.lb.LbPolicy;
import io.trafficlab.engine.core.policy.ClusterPolicy;
import io.trafficlab.engine.core.policy.ConnectionPoolPolicy;
import io.trafficlab.engine.core.policy.OutlierPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyCompilerClusterTest {

  private static final long U = ConnectionPoolPolicy.UNLIMITED;

  static YamlMap spec(String specYaml) {
    String text = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: reviews
        spec:
          host: reviews
        """ + specYaml.indent(2);
    return new ConfigFrontEnd().validate("dr.yaml", text, "default", Optional.empty())
        .config().destinationRules().get(0).spec();
  }

  static ClusterPolicy compile(String specYaml, String subset, int port) {
    return PolicyCompiler.cluster(Optional.of(spec(specYaml)), Optional.ofNullable(subset), port);
  }

  @Test
  void noDestinationRuleMeansDefaults() {
    assertThat(PolicyCompiler.cluster(Optional.empty(), Optional.of("v1"), 9080))
        .isEqualTo(ClusterPolicy.DEFAULT);
    assertThat(compile("subsets: [{name: v1, labels: {version: v1}}]", "v1", 9080))
        .isEqualTo(ClusterPolicy.DEFAULT);
  }

  @ParameterizedTest
  @CsvSource({
      "ROUND_ROBIN, ROUND_ROBIN",
      "LEAST_CONN, LEAST_REQUEST",
      "LEAST_REQUEST, LEAST_REQUEST",
      "RANDOM, RANDOM",
      "PASSTHROUGH, PASSTHROUGH",
      "UNSPECIFIED, LEAST_REQUEST",
  })
  void simpleLoadBalancers(String written, LbPolicy.Algorithm algorithm) {
    ClusterPolicy p = compile("trafficPolicy: {loadBalancer: {simple: " + written + "}}", null, 9080);

    assertThat(p.lb()).isEqualTo(new LbPolicy.Simple(algorithm));
  }

  static Stream<Arguments> hashKeys() {
    return Stream.of(
        Arguments.of("{httpHeaderName: x-user}", new LbPolicy.Header("x-user")),
        Arguments.of("{httpCookie: {name: session, ttl: 0s}}", new LbPolicy.Cookie("session")),
        Arguments.of("{httpQueryParameterName: user}", new LbPolicy.QueryParameter("user")),
        Arguments.of("{useSourceIp: true}", new LbPolicy.SourceIp()));
  }

  @ParameterizedTest
  @MethodSource("hashKeys")
  void consistentHashKeys(String hash, LbPolicy.HashKey key) {
    ClusterPolicy p = compile("trafficPolicy: {loadBalancer: {consistentHash: " + hash + "}}", null, 80);

    assertThat(p.lb()).isEqualTo(new LbPolicy.ConsistentHash(key));
  }

  @Test
  void connectionPoolMapsToCircuitBreakerThresholds() {
    ClusterPolicy p = compile("""
        trafficPolicy:
          connectionPool:
            tcp:
              maxConnections: 1
              connectTimeout: 30ms
            http:
              http1MaxPendingRequests: 2
              http2MaxRequests: 3
              maxRequestsPerConnection: 4
              maxRetries: 5
        """, null, 8000);

    assertThat(p.pool()).isEqualTo(new ConnectionPoolPolicy(1, 2, 3, 4, 5, Duration.ofMillis(30)));
  }

  @Test
  void unsetOrZeroPoolLimitsStayUnlimited() {
    ClusterPolicy p = compile("""
        trafficPolicy:
          connectionPool:
            http:
              http2MaxRequests: 1
              maxRetries: 0
        """, null, 8000);

    assertThat(p.pool()).isEqualTo(new ConnectionPoolPolicy(U, U, 1, 0, U, Duration.ofSeconds(10)));
  }

  /** outlierDetection YAML → 5xx, gateway, interval s, base s, max %, min health % */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{}                                                    | 5 | 0 | 10 | 30  | 10  | 0",
      "{consecutive5xxErrors: 0}                             | 0 | 0 | 10 | 30  | 10  | 0",
      "{consecutiveErrors: 7}                                | 5 | 0 | 10 | 30  | 10  | 0",
      "{consecutiveGatewayErrors: 3}                         | 5 | 3 | 10 | 30  | 10  | 0",
      "{consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 3m, maxEjectionPercent: 100} | 1 | 0 | 1 | 180 | 100 | 0",
      "{maxEjectionPercent: 0, minHealthPercent: 50}         | 5 | 0 | 10 | 30  | 10  | 50",
  })
  void outlierDetectionDefaultsFollowIstio(String outlier, int c5xx, int gateway, int intervalS,
      int baseS, int maxPct, int minHealth) {
    ClusterPolicy p = compile("trafficPolicy: {outlierDetection: " + outlier + "}", null, 9080);

    assertThat(p.outlier()).contains(new OutlierPolicy(c5xx, gateway, Duration.ofSeconds(intervalS),
        Duration.ofSeconds(baseS), maxPct, minHealth));
  }

  private static final String PRECEDENCE = """
      trafficPolicy:
        loadBalancer: {simple: RANDOM}
        connectionPool: {tcp: {maxConnections: 100}, http: {http2MaxRequests: 100}}
        outlierDetection: {consecutive5xxErrors: 7}
        portLevelSettings:
        - port: {number: 9443}
          connectionPool: {http: {http2MaxRequests: 9}}
      subsets:
      - name: v1
        labels: {version: v1}
      - name: v2
        labels: {version: v2}
        trafficPolicy:
          connectionPool: {http: {http1MaxPendingRequests: 2}}
      - name: v3
        labels: {version: v3}
        trafficPolicy:
          loadBalancer: {simple: ROUND_ROBIN}
          portLevelSettings:
          - port: {number: 9080}
            outlierDetection: {consecutive5xxErrors: 3}
      """;

  /** subset (- for none), port → lb, maxConnections, pending, maxRequests, consecutive5xx (-1 none) */
  @ParameterizedTest(name = "subset {0}, port {1}")
  @CsvSource({
      // top level only
      "-,  9080, RANDOM,        100, -1, 100, 7",
      // a subset without trafficPolicy inherits the top level
      "v1, 9080, RANDOM,        100, -1, 100, 7",
      // the subset's connectionPool replaces the whole top-level block (no deep merge)
      "v2, 9080, RANDOM,        -1,  2,  -1,  7",
      // top-level port settings replace the whole top-level policy: other blocks default
      "-,  9443, LEAST_REQUEST, -1,  -1, 9,   -1",
      "v1, 9443, LEAST_REQUEST, -1,  -1, 9,   -1",
      // subset over port-level top policy: only the subset's block wins
      "v2, 9443, LEAST_REQUEST, -1,  2,  -1,  -1",
      // the subset's own matching port settings replace every block, even the subset's loadBalancer
      "v3, 9080, LEAST_REQUEST, -1,  -1, -1,  3",
      // not matching: the subset's top-level blocks merge over the DR's
      "v3, 9443, ROUND_ROBIN,   -1,  -1, 9,   -1",
  })
  void subsetAndPortLevelPrecedenceFollowsMergeSubsetTrafficPolicy(String subset, int port,
      LbPolicy.Algorithm lb, long maxConnections, long pending, long maxRequests, int c5xx) {
    ClusterPolicy p = compile(PRECEDENCE, subset.equals("-") ? null : subset, port);

    assertThat(p.lb()).isEqualTo(new LbPolicy.Simple(lb));
    assertThat(p.pool().maxConnections()).isEqualTo(maxConnections < 0 ? U : maxConnections);
    assertThat(p.pool().http1MaxPendingRequests()).isEqualTo(pending < 0 ? U : pending);
    assertThat(p.pool().http2MaxRequests()).isEqualTo(maxRequests < 0 ? U : maxRequests);
    assertThat(p.outlier().map(OutlierPolicy::consecutive5xxErrors).orElse(-1)).isEqualTo(c5xx);
  }

  @Test
  void protoFieldNamesAreReadToo() {
    // read with the bare loader: a strict schema layer may reject proto names in a CRD
    YamlMap spec = (YamlMap) new ConfigFrontEnd().loader().load("spec.yaml", """
        traffic_policy:
          outlier_detection: {consecutive_5xx_errors: 2, base_ejection_time: 1m}
          connection_pool: {http: {http1_max_pending_requests: 3}}
        """).documents().get(0).root();

    ClusterPolicy p = PolicyCompiler.cluster(Optional.of(spec), Optional.empty(), 80);

    assertThat(p.outlier()).contains(new OutlierPolicy(2, 0, Duration.ofSeconds(10),
        Duration.ofMinutes(1), 10, 0));
    assertThat(p.pool().http1MaxPendingRequests()).isEqualTo(3);
  }

  @Test
  void onlyTheSubsetHasATrafficPolicy() {
    ClusterPolicy p = compile("""
        subsets:
        - name: v1
          labels: {version: v1}
          trafficPolicy:
            outlierDetection: {consecutive5xxErrors: 1}
        """, "v1", 9080);

    assertThat(p.outlier().orElseThrow().consecutive5xxErrors()).isEqualTo(1);
    assertThat(p.lb()).isEqualTo(LbPolicy.DEFAULT);
    assertThat(compile("subsets: [{name: v1, labels: {version: v1}, trafficPolicy: "
        + "{outlierDetection: {consecutive5xxErrors: 1}}}]", null, 9080)).isEqualTo(ClusterPolicy.DEFAULT);
  }

  @Test
  void bookinfoCircuitBreakingDestinationRuleCompiles() {
    ClusterPolicy p = compile("""
        trafficPolicy:
          connectionPool:
            tcp:
              maxConnections: 1
            http:
              http1MaxPendingRequests: 1
              maxRequestsPerConnection: 1
          outlierDetection:
            consecutive5xxErrors: 1
            interval: 1s
            baseEjectionTime: 3m
            maxEjectionPercent: 100
        """, null, 8000);

    assertThat(p).isEqualTo(new ClusterPolicy(LbPolicy.DEFAULT,
        new ConnectionPoolPolicy(1, 1, U, 1, U, Duration.ofSeconds(10)),
        Optional.of(new OutlierPolicy(1, 0, Duration.ofSeconds(1), Duration.ofMinutes(3), 100, 0))));
  }
}
