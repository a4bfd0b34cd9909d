package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.webhook.WebhookFixture.assertFinding;
import static io.trafficlab.engine.config.webhook.WebhookFixture.assertReportedOnce;
import static io.trafficlab.engine.config.webhook.WebhookFixture.doc;
import static io.trafficlab.engine.config.webhook.WebhookFixture.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Severity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Istio's ValidateDestinationRule rules, one row per rule: spec text, code, position, path, words. */
class DestinationRuleChecksTest {
  private static final String REF = "DestinationRule default/reviews";

  private static String dr(String spec) {
    return doc("DestinationRule", "reviews", spec);
  }

  /** A rule for reviews whose top-level trafficPolicy body is {@code policy} (spec line 3 onwards). */
  private static String policy(String policy) {
    return dr("host: reviews\ntrafficPolicy:\n" + policy.indent(2));
  }

  private static Arguments row(String name, String yaml, String code, String lineCol, String path,
      String... words) {
    return Arguments.of(name, yaml, code, lineCol, path, words);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        row("empty host", dr("""
            host: ""
            subsets:
            - name: v1
              labels: {version: v1}
            """), "TL2019", "6:9", "spec.host", "empty domain name not allowed"),
        row("invalid host", dr("""
            host: reviews_svc
            """), "TL2019", "6:9", "spec.host", "label \"reviews_svc\" invalid"),
        row("subset name with a dot", dr("""
            host: reviews
            subsets:
            - name: v1.0
              labels: {version: v1.0}
            """), "TL2018", "8:11", "spec.subsets[0].name", "subset name is invalid: v1.0"),
        row("duplicate subset names", dr("""
            host: reviews
            subsets:
            - name: v1
              labels: {version: v1}
            - name: v1
              labels: {version: v2}
            """), "TL2301", "10:11", "spec.subsets[1].name", "duplicate subset names: v1"),
        row("invalid label value", dr("""
            host: reviews
            subsets:
            - name: v1
              labels: {version: "-v1"}
            """), "TL2011", "9:23", "spec.subsets[0].labels.version", "invalid tag value: \"-v1\""),
        row("empty traffic policy", dr("""
            host: reviews
            trafficPolicy: {}
            """), "TL2302", "7:3", "spec.trafficPolicy", "traffic policy must have at least one field"),
        row("empty subset traffic policy", dr("""
            host: reviews
            subsets:
            - name: v1
              labels: {version: v1}
              trafficPolicy: {}
            """), "TL2302", "10:5", "spec.subsets[0].trafficPolicy", "traffic policy must have at least one field"),
        row("empty connection pool", policy("""
            connectionPool: {}
            """), "TL2307", "8:21", "spec.trafficPolicy.connectionPool", "connection pool must have at least one field"),
        row("negative max connections", policy("""
            connectionPool:
              tcp: {maxConnections: -1}
            """), "TL2308", "9:29", "spec.trafficPolicy.connectionPool.tcp.maxConnections", "max connections must be non-negative"),
        row("negative pending requests", policy("""
            connectionPool:
              http: {http1MaxPendingRequests: -5}
            """), "TL2308", "9:39", "spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests", "http1 max pending requests must be non-negative"),
        row("connect timeout finer than ms", policy("""
            connectionPool:
              tcp: {connectTimeout: 10.5ms}
            """), "TL2002", "9:29", "spec.trafficPolicy.connectionPool.tcp.connectTimeout", "only durations to ms precision"),
        row("upgrade with client protocol", policy("""
            connectionPool:
              http: {h2UpgradePolicy: UPGRADE, useClientProtocol: true}
            """), "TL2309", "9:40", "spec.trafficPolicy.connectionPool.http.useClientProtocol", "use client protocol must not be true"),
        row("max ejection percent above 100", policy("""
            outlierDetection:
              consecutive5xxErrors: 5
              maxEjectionPercent: 150
            """), "TL2005", "10:27", "spec.trafficPolicy.outlierDetection.maxEjectionPercent", "percentage 150 is not in range 0..100"),
        row("negative min health percent", policy("""
            outlierDetection:
              minHealthPercent: -1
            """), "TL2005", "9:25", "spec.trafficPolicy.outlierDetection.minHealthPercent", "not in range 0..100"),
        row("local origin failures without split", policy("""
            outlierDetection:
              consecutiveLocalOriginFailures: 3
            """), "TL2306", "9:7", "spec.trafficPolicy.outlierDetection.consecutiveLocalOriginFailures", "split external local origin errors is set to false"),
        row("tcp idle timeout below 1ms", policy("""
            connectionPool:
              tcp: {idleTimeout: 0.5ms}
            """), "TL2001", "9:26", "spec.trafficPolicy.connectionPool.tcp.idleTimeout", "duration must be greater than 1ms"),
        row("cookie with an empty name", policy("""
            loadBalancer:
              consistentHash:
                httpCookie: {name: "", ttl: 0s}
            """), "TL2310", "10:22", "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name", "name required for HttpCookie"),
        row("maglev table size not prime", policy("""
            loadBalancer:
              consistentHash:
                useSourceIp: true
                maglev: {tableSize: 1000}
            """), "TL2315", "11:29", "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize", "tableSize must be a prime number for maglev"),
        row("maglev table size too large", policy("""
            loadBalancer:
              consistentHash:
                useSourceIp: true
                maglev: {tableSize: 5000011}
            """), "TL2314", "11:29", "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize", "tableSize must be less than 5000011 for maglev"),
        row("ring size both ways", policy("""
            loadBalancer:
              consistentHash:
                httpHeaderName: x-user
                minimumRingSize: 1024
                ringHash: {minimumRingSize: 1024}
            """), "TL2312", "11:9", "spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize", "only one of MinimumRingSize or Maglev/Ringhash"),
        row("MUTUAL without client certificate", policy("""
            tls:
              mode: MUTUAL
              privateKey: /etc/certs/key.pem
            """), "TL2317", "9:13", "spec.trafficPolicy.tls.mode", "client certificate required for mutual tls"),
        row("credentialName with certificate files", policy("""
            tls:
              mode: SIMPLE
              credentialName: client-cert
              caCertificates: /etc/certs/ca.pem
            """), "TL2316", "11:7", "spec.trafficPolicy.tls.caCertificates", "cannot specify client certificates or CA certificate"),
        row("port level setting without port", policy("""
            portLevelSettings:
            - loadBalancer: {simple: RANDOM}
            """), "TL2319", "9:7", "spec.trafficPolicy.portLevelSettings[0].port", "portTrafficPolicy must have valid port"),
        row("port level setting without a block", policy("""
            portLevelSettings:
            - port: {number: 9080}
            """), "TL2320", "9:7", "spec.trafficPolicy.portLevelSettings[0]", "port traffic policy must have at least one field"),
        row("port level pool negative", policy("""
            portLevelSettings:
            - port: {number: 9080}
              connectionPool:
                http: {maxRetries: -1}
            """), "TL2308", "11:28", "spec.trafficPolicy.portLevelSettings[0].connectionPool.http.maxRetries", "max retries must be non-negative"),
        row("distribute and failover", policy("""
            outlierDetection: {consecutive5xxErrors: 3}
            loadBalancer:
              localityLbSetting:
                distribute: [{from: us-west/*, to: {"us-west/*": 100}}]
                failover: [{from: us-west, to: us-east}]
            """), "TL2321", "12:9", "spec.trafficPolicy.loadBalancer.localityLbSetting.failover", "can not simultaneously specify 'distribute' and 'failover'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void invalidDestinationRuleIsRejectedAtTheOffendingNode(String name, String yaml, String code,
      String lineCol, String path, String[] words) {
    List<Diagnostic> found = webhook(yaml);
    assertFinding(found, code, lineCol, path, REF, words);
    assertThat(found).filteredOn(d -> d.code().equals(code)).allMatch(Diagnostic::isError);
  }

  /**
   * Mistakes the CRD schema already rejects, so the document never reaches the webhook: the learner
   * is told once, at the same node, with a hint. The webhook rule behind each stays covered by a
   * schema-valid row above.
   */
  static Stream<Arguments> schemaCatchesFirst() {
    return Stream.of(
        row("missing host", dr("""
            subsets:
            - name: v1
              labels: {version: v1}
            """), "TL1009", "6:3", "spec.host", "missing required field \"host\""),
        row("base ejection time zero", policy("""
            outlierDetection:
              baseEjectionTime: 0s
            """), "TL1007", "9:25", "spec.trafficPolicy.outlierDetection.baseEjectionTime", "\"0s\"", "greater than 1ms"),
        row("cookie without name", policy("""
            loadBalancer:
              consistentHash:
                httpCookie: {ttl: 0s}
            """), "TL1009", "10:21", "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name", "missing required field \"name\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaCatchesFirst")
  void mistakeTheSchemaRejectsIsReportedOnceAtTheOffendingNode(String name, String yaml, String code,
      String lineCol, String path, String[] words) {
    assertReportedOnce(yaml, code, lineCol, path, REF, words);
  }

  static Stream<Arguments> warnings() {
    return Stream.of(
        row("deprecated consecutiveErrors", policy("""
            outlierDetection:
              consecutiveErrors: 3
              interval: 30s
            """), "TL2305", "9:7", "spec.trafficPolicy.outlierDetection.consecutiveErrors",
            "consecutive errors is deprecated", "IGNORED since Istio 1.7"),
        row("deprecated minimumRingSize", policy("""
            loadBalancer:
              consistentHash:
                httpHeaderName: x-user
                minimumRingSize: 1024
            """), "TL2311", "11:9", "spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize", "MinimumRingSize is deprecated"),
        row("failover without outlier detection", policy("""
            loadBalancer:
              localityLbSetting:
                failover: [{from: us-west, to: us-east}]
            """), "TL2324", "10:9", "spec.trafficPolicy.loadBalancer.localityLbSetting", "outlier detection policy must be provided for failover"),
        row("workload selector without labels", dr("""
            host: reviews
            workloadSelector: {}
            """), "TL2323", "7:21", "spec.workloadSelector", "workload selector specified without labels"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warnings")
  void questionableDestinationRuleIsAcceptedWithAWarning(String name, String yaml, String code,
      String lineCol, String path, String[] words) {
    List<Diagnostic> found = webhook(yaml);
    assertFinding(found, code, lineCol, path, REF, words);
    assertThat(found).filteredOn(d -> d.code().equals(code))
        .allMatch(d -> d.severity() == Severity.WARNING);
  }

  @Test
  void consecutiveErrorsHintNamesTheReplacements() {
    List<Diagnostic> found = webhook(policy("""
        outlierDetection:
          consecutiveErrors: 3
        """));
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.hint()).contains("consecutive5xxErrors").contains("consecutiveGatewayErrors");
    });
  }

  @Test
  void fullCircuitBreakerPolicyIsValid() {
    assertThat(webhook(dr("""
        host: reviews.default.svc.cluster.local
        trafficPolicy:
          loadBalancer: {simple: LEAST_REQUEST}
          connectionPool:
            tcp: {maxConnections: 100, connectTimeout: 30ms, idleTimeout: 0s, tcpKeepalive: {time: 7200s, interval: 75s}}
            http: {http1MaxPendingRequests: 10, http2MaxRequests: 100, maxRequestsPerConnection: 1, maxRetries: 3}
          outlierDetection:
            consecutive5xxErrors: 1
            consecutiveGatewayErrors: 3
            interval: 1s
            baseEjectionTime: 3m
            maxEjectionPercent: 100
            minHealthPercent: 0
            splitExternalLocalOriginErrors: true
            consecutiveLocalOriginFailures: 2
          tls: {mode: ISTIO_MUTUAL}
          portLevelSettings:
          - port: {number: 9080}
            loadBalancer:
              consistentHash:
                httpCookie: {name: user, ttl: 0s}
                maglev: {tableSize: 65537}
        subsets:
        - name: v1
          labels: {version: v1, app.kubernetes.io/name: reviews}
          trafficPolicy:
            tls: {mode: MUTUAL, credentialName: client-cert}
        - name: V2
          labels: {version: v2}
        """))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"2, true", "3, true", "65537, true", "4999999, true", "1000, false", "0, false", "9, false"})
  void maglevTableSizeMustBePrime(long size, boolean prime) {
    assertThat(TrafficPolicyChecks.isPrime(size)).isEqualTo(prime);
  }
}
