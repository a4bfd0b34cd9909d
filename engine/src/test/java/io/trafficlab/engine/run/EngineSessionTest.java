package io.trafficlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.cases.CaseFile;
import io.trafficlab.engine.cases.CaseLoader;
import io.trafficlab.engine.cases.CaseRequest;
import io.trafficlab.engine.cases.CaseRunner;
import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.sim.pods.SyntheticPod;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.compile.RouteCompiler;
import io.trafficlab.engine.core.route.RouteTable;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EngineSessionTest {

  @Test
  void clientsAreNamedByAppOrBySortedLabels() {
    assertThat(EngineSession.clientKey(CaseRequest.Client.defaultIn("default")))
        .isEqualTo("default/client");
    assertThat(EngineSession.clientKey(new CaseRequest.Client("test",
        Map.of("version", "v2", "app", "reviews")))).isEqualTo("test/app=reviews,version=v2");
  }

  private static RouteTable table(int pods, String trafficPolicy) {
    List<PodDef> list = new java.util.ArrayList<>();
    for (int i = 0; i < pods; i++) {
      list.add(new PodDef("web-" + i, "default", "web", Map.of("app", "web"), null));
    }
    Topology t = new Topology("default", List.of(), List.of(new ServiceDef("web", "default",
        List.of(new ServicePort(80, "http")), list)));
    String dr = trafficPolicy.isEmpty() ? "" : """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: web}
        spec:
          host: web
          trafficPolicy: %s
        """.formatted(trafficPolicy);
    var fr = new ConfigFrontEnd().validate("c.yaml", dr, "default", Optional.of(t));
    return RouteCompiler.compile(fr.config(), t);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1 | '' | true",
      "2 | '' | true",
      "1 | '{loadBalancer: {simple: ROUND_ROBIN}}' | true",
      "2 | '{loadBalancer: {simple: ROUND_ROBIN}}' | false",
      "2 | '{loadBalancer: {simple: RANDOM}}' | true",
      "1 | '{connectionPool: {http: {http2MaxRequests: 5}}}' | false",
      "1 | '{outlierDetection: {consecutive5xxErrors: 3}}' | false"})
  void distributionsRunInParallelOnlyWhenConcurrencyCannotChangeOutcomes(int pods, String policy,
      boolean neutral) {
    assertThat(EngineSession.concurrencyNeutral(table(pods, policy))).isEqualTo(neutral);
  }

  /**
   * Three pods behind LEAST_REQUEST (Istio's default) and a caller pod whose two calls go through
   * its own sidecar to the same service: one chain at a time, every active count is the chain's.
   */
  private static final String LEAST_REQUEST_CASE = """
      topology:
        namespace: default
        services:
          - name: web
            port: 80
            pods:
              - labels: {app: web}
              - labels: {app: web}
              - labels: {app: web}
          - name: front
            port: 80
            pods:
              - labels: {app: front}
                behavior: {calls: [{host: web, path: /a}, {host: web, path: /b}]}
      distribution:
        requests: 300
        via: mesh
        host: %s
        path: /
        by: pod
        expect: {}
      """;

  private record Picks(List<String> pods, Map<String, Long> received) {}

  private static Picks distribute(String host, int parallelism) {
    CaseFile c = new CaseLoader().load("lr.yaml", LEAST_REQUEST_CASE.formatted(host)).caseFile()
        .orElseThrow();
    CaseRunner runner = new CaseRunner(new RunOptions(3, 10, parallelism));
    try (EngineSession s = runner.start(c, runner.validate(c))) {
      List<String> pods = s.distribution(c.distribution().orElseThrow(), "d").stream()
          .map(Observation::upstream).map(Observation.Upstream::pod).toList();
      Map<String, Long> received = new java.util.TreeMap<>();
      s.fleet().pods().forEach(p -> received.put(p.name(), p.requestCount()));
      return new Picks(pods, received);
    }
  }

  @ParameterizedTest
  @CsvSource({"web", "front"})
  void leastRequestPicksTheSameHostsWhenADistributionRunsInParallel(String host) {
    Picks oneAtATime = distribute(host, 1);
    Picks parallel = distribute(host, 8);

    assertThat(parallel.pods()).isEqualTo(oneAtATime.pods());
    assertThat(parallel.received()).isEqualTo(oneAtATime.received());
    assertThat(oneAtATime.received().values().stream().filter(n -> n > 0).count())
        .as("requests spread over the pods").isGreaterThanOrEqualTo(3);
  }
}
