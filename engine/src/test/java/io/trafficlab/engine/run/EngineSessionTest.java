package io.trafficlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.cases.CaseRequest;
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
      "2 | '' | false",
      "2 | '{loadBalancer: {simple: ROUND_ROBIN}}' | true",
      "2 | '{loadBalancer: {simple: RANDOM}}' | true",
      "1 | '{connectionPool: {http: {http2MaxRequests: 5}}}' | false",
      "1 | '{outlierDetection: {consecutive5xxErrors: 3}}' | false"})
  void distributionsRunInParallelOnlyWhenConcurrencyCannotChangeOutcomes(int pods, String policy,
      boolean neutral) {
    assertThat(EngineSession.concurrencyNeutral(table(pods, policy))).isEqualTo(neutral);
  }
}
