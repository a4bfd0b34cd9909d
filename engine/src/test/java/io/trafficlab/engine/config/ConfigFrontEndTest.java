package io.trafficlab.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Layer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The three layers together: one report per mistake, by the layer that would stop it, in order. */
class ConfigFrontEndTest {

  /** A reviews Service and Deployment, so the analysis layer knows which hosts exist. */
  private static final String REVIEWS_WORKLOAD = """
      apiVersion: v1
      kind: Service
      metadata: {name: reviews}
      spec:
        selector: {app: reviews}
        ports: [{port: 9080, name: http}]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: reviews-v1}
      spec:
        selector: {matchLabels: {app: reviews, version: v1}}
        template:
          metadata: {labels: {app: reviews, version: v1}}
      ---
      """;

  private static List<Diagnostic> validate(String yaml) {
    return new ConfigFrontEnd().validate("f.yaml", yaml, "default", Optional.empty()).diagnostics();
  }

  private static List<String> rendered(String yaml) {
    return validate(yaml).stream().map(Diagnostic::render).toList();
  }

  @Test
  void invalidHostIsAWebhookErrorNotAlsoAHostThatWasNotFound() {
    List<Diagnostic> found = validate(REVIEWS_WORKLOAD + """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews_svc}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec:
          host: reviews_svc
        """);

    assertThat(found).extracting(Diagnostic::code, Diagnostic::path).containsExactly(
        tuple("TL2019", "spec.http[0].route[0].destination.host"),
        tuple("TL2019", "spec.host"));
  }

  @Test
  void hostThatIsValidButMissingIsStillAnAnalysisError() {
    List<Diagnostic> found = validate(REVIEWS_WORKLOAD + """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: ratings}
        """);

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("IST0101");
      assertThat(d.layer()).isEqualTo(Layer.ANALYSIS);
      assertThat(d.message()).contains("\"ratings\"");
    });
  }

  @Test
  void deprecatedDelayPercentIsReportedOnce() {
    List<String> lines = rendered("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
          - fault:
              delay: {fixedDelay: 2s, percent: 10}
            route:
            - destination: {host: reviews}
        """);

    assertThat(lines).containsExactly("warning[IST0002] f.yaml:8:31 spec.http[0].fault.delay.percent: "
        + "Deprecated: HTTPRoute.fault.delay.percent is deprecated; use "
        + "HTTPRoute.fault.delay.percentage (VirtualService default/reviews)");
  }

  @Test
  void circuitBreakerIsOneSchemaErrorWithTheRewriteInItsHint() {
    List<Diagnostic> found = validate("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec:
          host: reviews
          trafficPolicy:
            circuitBreaker:
              consecutiveErrors: 5
              maxConnections: 100
        """);

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.render()).isEqualTo("error[TL1001] f.yaml:7:5 spec.trafficPolicy.circuitBreaker: "
          + "unknown field \"circuitBreaker\" in TrafficPolicy (DestinationRule default/reviews)");
      assertThat(d.hint()).contains("connectionPool", "outlierDetection", "Rewrite it as",
          "consecutive5xxErrors");
    });
  }

  @Test
  void findingsAtOneNodeFollowThePipelineOrder() {
    List<Diagnostic> found = validate("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews.example.com]
          gateways: [gw.istio-system.svc.cluster.local]
          http:
          - route:
            - destination: {host: reviews}
        """);

    assertThat(found).extracting(Diagnostic::line, Diagnostic::layer).containsExactly(
        tuple(6, Layer.WEBHOOK),
        tuple(6, Layer.ANALYSIS));
  }

  @Test
  void objectDefinedTwiceIsOneErrorAtTheSecondNameNotAlsoAConflict() {
    String ratings = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: ratings
        spec:
          hosts: [ratings]
          http:
          - route:
            - destination: {host: ratings}
        """;

    List<String> lines = rendered(ratings + "---\n" + ratings + "---\n" + ratings);

    assertThat(lines).containsExactly(
        "error[TL0106] f.yaml:14:9 metadata.name: VirtualService \"default/ratings\" is defined "
            + "twice (first at line 1) (VirtualService default/ratings)",
        "error[TL0106] f.yaml:24:9 metadata.name: VirtualService \"default/ratings\" is defined "
            + "twice (first at line 1) (VirtualService default/ratings)");
  }
}
