package io.trafficlab.engine.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.lb.LbPolicy;
import io.trafficlab.engine.core.policy.ClusterPolicy;
import io.trafficlab.engine.core.policy.ConnectionPoolPolicy;
import io.trafficlab.engine.core.policy.FaultPolicy;
import io.trafficlab.engine.core.policy.OutlierPolicy;
import io.trafficlab.engine.core.policy.RoutePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The resilience samples' config compiles to the policies their expectations rely on. */
class PolicyCompilerConformanceTest {

  private static final long U = ConnectionPoolPolicy.UNLIMITED;

  private static FrontEndResult load(String resource) throws IOException {
    String caseText;
    try (InputStream in = PolicyCompilerConformanceTest.class.getResourceAsStream(resource)) {
      caseText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ConfigFrontEnd fe = new ConfigFrontEnd();
    YamlMap caseFile = (YamlMap) fe.loader().load(resource, caseText).documents().get(0).root();
    return fe.validate(resource, caseFile.string("config").orElseThrow(), "default", Optional.empty());
  }

  private static RoutePolicy firstRule(FrontEndResult r, String vsName) {
    Resource vs = r.config().virtualServices().stream().filter(v -> v.name().equals(vsName))
        .findFirst().orElseThrow();
    return PolicyCompiler.route((YamlMap) vs.spec().seq("http").orElseThrow().get(0));
  }

  private static ClusterPolicy cluster(FrontEndResult r, Optional<String> subset, int port) {
    return PolicyCompiler.cluster(Optional.of(r.config().destinationRules().get(0).spec()), subset, port);
  }

  @Test
  void retriesMaskFlakyPod() throws IOException {
    RoutePolicy p = firstRule(load("/conformance/resilience-retries-mask-flaky-pod.yaml"), "reviews");

    assertThat(p.retries().numRetries()).isEqualTo(2);
    assertThat(p.retries().retryOn()).isEqualTo(Set.of("5xx"));
    assertThat(p.timeout()).isEmpty();
  }

  @Test
  void outlierEjectsFailingPod() throws IOException {
    FrontEndResult r = load("/conformance/resilience-outlier-ejects-failing-pod.yaml");

    assertThat(firstRule(r, "reviews").retries().numRetries()).isZero();
    assertThat(cluster(r, Optional.empty(), 9080)).isEqualTo(new ClusterPolicy(
        new LbPolicy.Simple(LbPolicy.Algorithm.ROUND_ROBIN), ConnectionPoolPolicy.DEFAULT,
        Optional.of(new OutlierPolicy(1, 0, Duration.ofSeconds(1), Duration.ofMinutes(3), 100, 0))));
  }

  @Test
  void poolOverflowMaxRequests() throws IOException {
    ClusterPolicy p = cluster(load("/conformance/resilience-pool-overflow-max-requests.yaml"),
        Optional.empty(), 8000);

    assertThat(p.pool()).isEqualTo(new ConnectionPoolPolicy(U, U, 1, 0, U, Duration.ofSeconds(10)));
    assertThat(p.outlier()).isEmpty();
  }

  @Test
  void timeoutAndDelayFault() throws IOException {
    FrontEndResult timeout = load("/conformance/resilience-timeout-504.yaml");
    FrontEndResult delay = load("/conformance/resilience-delay-fault-then-caller-timeout.yaml");

    assertThat(firstRule(timeout, "reviews").timeout()).contains(Duration.ofMillis(500));
    assertThat(firstRule(delay, "reviews").timeout()).contains(Duration.ofMillis(500));
    assertThat(firstRule(delay, "ratings").fault()).isEqualTo(new FaultPolicy(
        Optional.of(new FaultPolicy.Delay(Duration.ofSeconds(2), 100)), Optional.empty()));
  }

  @Test
  void faultAbortForOneUser() throws IOException {
    RoutePolicy p = firstRule(load("/conformance/resilience-fault-abort-for-one-user.yaml"), "ratings");

    assertThat(p.fault()).isEqualTo(new FaultPolicy(Optional.empty(),
        Optional.of(new FaultPolicy.Abort(500, 100))));
  }

  @Test
  void bookinfoCircuitBreaking() throws IOException {
    ClusterPolicy p = cluster(load("/bookinfo/bookinfo-circuit-breaking-three-connections.yaml"),
        Optional.empty(), 8000);

    assertThat(p.pool()).isEqualTo(new ConnectionPoolPolicy(1, 1, U, 1, U, Duration.ofSeconds(10)));
    assertThat(p.outlier().orElseThrow().consecutive5xxErrors()).isEqualTo(1);
  }
}
