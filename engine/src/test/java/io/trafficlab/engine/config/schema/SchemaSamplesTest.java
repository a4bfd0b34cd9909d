package io.trafficlab.engine.config.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Layer;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.config.yaml.YamlMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema layer against real configurations: every conformance and Bookinfo case's config
 * passes, except the two cases that exist to fail at the schema layer; the seed curriculum's Istio
 * blocks fail only on circuitBreaker.
 */
class SchemaSamplesTest {

  private static final List<String> EXPECTED_TO_FAIL =
      List.of("validate-circuitbreaker-unknown-field", "validate-timeout-zero");

  static Stream<String> caseFiles() throws IOException {
    return Stream.of("conformance", "bookinfo").flatMap(dir -> {
      try (Stream<Path> files = Files.list(resourceDir(dir))) {
        return files.map(Path::toString).filter(p -> p.endsWith(".yaml")).sorted().toList().stream();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static Path resourceDir(String dir) {
    try {
      return Paths.get(SchemaSamplesTest.class.getClassLoader().getResource(dir).toURI());
    } catch (Exception e) {
      throw new IllegalStateException("test resources missing: " + dir, e);
    }
  }

  /** The {@code config} string of a case file. */
  static String configOf(Path caseFile) throws IOException {
    YamlLoadResult loaded = new YamlLoader().load(caseFile.getFileName().toString(),
        Files.readAllBytes(caseFile));
    assertThat(loaded.ok()).as("case file %s loads", caseFile).isTrue();
    YamlMap root = (YamlMap) loaded.documents().get(0).root();
    return root.string("config").orElse("");
  }

  private static List<Diagnostic> schemaErrors(FrontEndResult r) {
    return r.diagnostics().stream().filter(d -> d.isError() && d.layer() == Layer.SCHEMA).toList();
  }

  @Test
  void thereAreSamplesToCheck() throws IOException {
    assertThat(caseFiles().toList()).hasSizeGreaterThan(30);
  }

  @ParameterizedTest
  @MethodSource("caseFiles")
  void sampleConfigPassesTheSchemaLayerUnlessItIsMeantToFail(String file) throws IOException {
    Path path = Paths.get(file);
    String name = path.getFileName().toString().replace(".yaml", "");
    FrontEndResult result = new ConfigFrontEnd().validate(name + ".config.yaml", configOf(path),
        "default", Optional.empty());
    List<Diagnostic> errors = schemaErrors(result);
    if (EXPECTED_TO_FAIL.contains(name)) {
      assertThat(errors).as(name).isNotEmpty();
    } else {
      assertThat(errors).as(name).extracting(Diagnostic::render).isEmpty();
      assertThat(result.config().resources()).as(name).isNotEmpty();
    }
  }

  @Test
  void circuitBreakerCaseNamesTheFieldAndSuggestsConnectionPoolAndOutlierDetection()
      throws IOException {
    Path path = resourceDir("conformance").resolve("validate-circuitbreaker-unknown-field.yaml");
    FrontEndResult result = new ConfigFrontEnd().validate("dr.yaml", configOf(path), "default",
        Optional.empty());
    List<Diagnostic> errors = schemaErrors(result);
    assertThat(errors).hasSize(1);
    Diagnostic d = errors.get(0);
    assertThat(d.code()).isEqualTo("TL1001");
    assertThat(d.message()).isEqualTo("unknown field \"circuitBreaker\" in TrafficPolicy");
    assertThat(d.path()).isEqualTo("spec.trafficPolicy.circuitBreaker");
    assertThat(d.line()).isEqualTo(8);
    assertThat(d.column()).isEqualTo(5);
    assertThat(d.resource()).isEqualTo("DestinationRule default/reviews");
    assertThat(d.hint()).contains("connectionPool", "outlierDetection",
        "outlierDetection: {consecutive5xxErrors: 5}",
        "connectionPool: {tcp: {maxConnections: 100}}", "consecutiveErrors is ignored");
    assertThat(result.config().resources()).isEmpty();
  }

  @Test
  void timeoutZeroCaseSaysTheDurationMustBeGreaterThanOneMillisecond() throws IOException {
    Path path = resourceDir("conformance").resolve("validate-timeout-zero.yaml");
    FrontEndResult result = new ConfigFrontEnd().validate("vs.yaml", configOf(path), "default",
        Optional.empty());
    List<Diagnostic> errors = schemaErrors(result);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).message()).contains("must be a valid duration greater than 1ms")
        .contains("\"0s\"");
    assertThat(errors.get(0).path()).isEqualTo("spec.http[0].timeout");
    assertThat(errors.get(0).hint()).contains("omit timeout");
  }

  // ---- the seed curriculum (/work/shared/seed/000_aefc6a4bcd5473d9.txt), its Istio blocks ----

  private static final String SEED_GATEWAY = """
      apiVersion: networking.istio.io/v1beta1
      kind: Gateway
      metadata:
        name: ecommerce-gateway
      spec:
        selector:
          istio: ingressgateway  # Use Istio ingress gateway
        servers:
        - port:
            number: 80
            name: http
            protocol: HTTP
          hosts:
          - ecommerce.example.com
          - api.ecommerce.example.com
        - port:
            number: 443
            name: https
            protocol: HTTPS
          tls:
            mode: SIMPLE
            credentialName: ecommerce-tls-cert
          hosts:
          - ecommerce.example.com
      """;

  private static final String SEED_DR_WITH_POOL = """
      apiVersion: networking.istio.io/v1beta1
      kind: DestinationRule
      metadata:
        name: ecommerce-frontend
      spec:
        host: ecommerce-frontend
        trafficPolicy:
          loadBalancer:
            simple: ROUND_ROBIN
          connectionPool:
            tcp:
              maxConnections: 100
            http:
              http1MaxPendingRequests: 10
              maxRequestsPerConnection: 2
          circuitBreaker:
            consecutiveErrors: 3
            interval: 30s
            baseEjectionTime: 30s
        subsets:
        - name: v1
          labels:
            version: v1
        - name: v2
          labels:
            version: v2
      """;

  private static final String SEED_DR_CIRCUIT_BREAKER = """
      apiVersion: networking.istio.io/v1beta1
      kind: DestinationRule
      metadata:
        name: ecommerce-backend-circuit-breaker
      spec:
        host: ecommerce-backend
        trafficPolicy:
          connectionPool:
            tcp:
              maxConnections: 100
            http:
              http1MaxPendingRequests: 10
              maxRequestsPerConnection: 2
          circuitBreaker:
            consecutiveErrors: 3
            interval: 30s
            baseEjectionTime: 30s
            maxEjectionPercent: 50
      """;

  private static final String SEED_VIRTUAL_SERVICES = """
      apiVersion: networking.istio.io/v1beta1
      kind: VirtualService
      metadata:
        name: ecommerce-frontend
      spec:
        hosts:
        - ecommerce.example.com
        gateways:
        - ecommerce-gateway
        http:
        - route:
          - destination:
              host: ecommerce-frontend
              port:
                number: 80
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: VirtualService
      metadata:
        name: ecommerce-frontend-header-canary
      spec:
        hosts:
        - ecommerce.example.com
        gateways:
        - ecommerce-gateway
        http:
        - match:
          - headers:
              canary:
                exact: "true"
          route:
          - destination:
              host: ecommerce-frontend
              subset: v2
            weight: 100
        - route:
          - destination:
              host: ecommerce-frontend
              subset: v1
            weight: 100
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: VirtualService
      metadata:
        name: ecommerce-frontend-retry
      spec:
        hosts:
        - ecommerce.example.com
        gateways:
        - ecommerce-gateway
        http:
        - route:
          - destination:
              host: ecommerce-frontend
          retries:
            attempts: 3
            perTryTimeout: 2s
            retryOn: 5xx,reset,connect-failure,refused-stream
          timeout: 10s
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: VirtualService
      metadata:
        name: ecommerce-frontend-fault-injection
      spec:
        hosts:
        - ecommerce.example.com
        gateways:
        - ecommerce-gateway
        http:
        - match:
          - headers:
              fault-injection:
                exact: "delay"
          fault:
            delay:
              percentage:
                value: 50
              fixedDelay: 5s
          route:
          - destination:
              host: ecommerce-frontend
        - route:
          - destination:
              host: ecommerce-frontend
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: VirtualService
      metadata:
        name: ecommerce-frontend-fault-injection-abort
      spec:
        hosts:
        - ecommerce.example.com
        gateways:
        - ecommerce-gateway
        http:
        - match:
          - headers:
              fault-injection:
                exact: "abort"
          fault:
            abort:
              percentage:
                value: 25
              httpStatus: 500
          route:
          - destination:
              host: ecommerce-frontend
        - route:
          - destination:
              host: ecommerce-frontend
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: VirtualService
      metadata:
        name: ecommerce-frontend-ab-test
      spec:
        hosts:
        - ecommerce.example.com
        gateways:
        - ecommerce-gateway
        http:
        - match:
          - headers:
              user-type:
                exact: "premium"
          route:
          - destination:
              host: ecommerce-frontend
              subset: premium
            weight: 100
        - route:
          - destination:
              host: ecommerce-frontend
              subset: v1
            weight: 50
          - destination:
              host: ecommerce-frontend
              subset: v2
            weight: 50
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: ecommerce-frontend-v2
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: ecommerce-frontend
            version: v2
        template:
          metadata:
            labels:
              app: ecommerce-frontend
              version: v2
          spec:
            containers:
            - name: ecommerce-frontend
              image: ecommerce-frontend:v2.0.0
              ports:
              - containerPort: 3000
      """;

  @Test
  void seedCurriculumGatewayVirtualServicesAndDeploymentPass() {
    FrontEndResult r = new ConfigFrontEnd().validate("seed.yaml",
        SEED_GATEWAY + "---\n" + SEED_VIRTUAL_SERVICES, "default", Optional.empty());
    assertThat(schemaErrors(r)).extracting(Diagnostic::render).isEmpty();
    assertThat(r.config().resources()).hasSize(8);
  }

  @Test
  void seedCurriculumCircuitBreakersAreTheOnlySchemaErrorsAndTheHintSaysHowToRewriteThem() {
    FrontEndResult r = new ConfigFrontEnd().validate("seed.yaml",
        SEED_DR_WITH_POOL + "---\n" + SEED_DR_CIRCUIT_BREAKER, "default", Optional.empty());
    List<Diagnostic> errors = schemaErrors(r);
    assertThat(errors).extracting(Diagnostic::path)
        .containsExactly("spec.trafficPolicy.circuitBreaker", "spec.trafficPolicy.circuitBreaker");
    assertThat(errors.get(0).hint()).contains("outlierDetection: {consecutive5xxErrors: 3, "
        + "interval: 30s, baseEjectionTime: 30s}");
    assertThat(errors.get(1).hint()).contains("outlierDetection: {consecutive5xxErrors: 3, "
        + "interval: 30s, baseEjectionTime: 30s, maxEjectionPercent: 50}",
        "consecutiveErrors is ignored since Istio 1.7");
    assertThat(r.config().resources()).isEmpty();
  }

  @Test
  void seedFileStillContainsTheBlocksCopiedHere() throws IOException {
    Path seed = Paths.get("/work/shared/seed/000_aefc6a4bcd5473d9.txt");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(seed), "seed file not present");
    String text = Files.readString(seed, StandardCharsets.UTF_8);
    for (String block : List.of("circuitBreaker:\n      consecutiveErrors: 3\n      interval: 30s\n"
        + "      baseEjectionTime: 30s\n      maxEjectionPercent: 50",
        "retryOn: 5xx,reset,connect-failure,refused-stream")) {
      assertThat(text).contains(block);
    }
  }
}
