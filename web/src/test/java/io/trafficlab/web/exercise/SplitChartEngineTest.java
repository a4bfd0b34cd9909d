package io.trafficlab.web.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trafficlab.web.TestApp;
import io.trafficlab.web.TestBrowser;
import io.trafficlab.web.account.Role;
import io.trafficlab.web.attempt.AttemptRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With the real engine: the split chart of a run shows the counts the grader judged over all 1,000
 * requests of each distribution check, exactly as the saved report has them, not the samples.
 */
class SplitChartEngineTest {
  static final String PAGE = "/packs/istio-traffic-management/exercises/canary-split";
  static final Path STARTER = Path.of("../content/packs/istio-traffic-management/exercises/canary-split/starter.yaml");

  /** A 70/30 split for gateway and mesh traffic: off for every variant, so the chart has two real bars. */
  static final String SEVENTY_THIRTY = """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata:
        name: ecommerce-frontend
      spec:
        hosts:
        - ecommerce.example.com
        - ecommerce-frontend
        gateways:
        - ecommerce-gateway
        - mesh
        http:
        - route:
          - destination:
              host: ecommerce-frontend
              subset: v1
            weight: 70
          - destination:
              host: ecommerce-frontend
              subset: v2
            weight: 30
      """;

  @Test
  void theChartNumbersAreTheFullCountsOfTheSavedReport() throws Exception {
    try (TestApp t = TestApp.withEngine(1, 4, Duration.ofSeconds(60))) {
      TestBrowser learner = t.signedIn("chart@example.com", Role.LEARNER);
      learner.get(PAGE);
      String starter = Files.readString(STARTER);
      String submission = starter.substring(0, starter.indexOf("apiVersion: networking.istio.io/v1\nkind: VirtualService"))
          + SEVENTY_THIRTY;

      String result = learner.post(PAGE + "/run", Map.of("yaml", submission)).body();

      Matcher permalink = Pattern.compile("href=\"/attempts/([A-Za-z0-9]+)\"").matcher(result);
      assertThat(permalink.find()).as("the run was saved").isTrue();
      JsonNode report = new ObjectMapper().readTree(new AttemptRepository(t.db.dataSource())
          .find(permalink.group(1)).orElseThrow().reportJson());
      int charts = 0;
      for (JsonNode check : report.path("checks")) {
        JsonNode d = check.path("distribution");
        assertThat(d.isObject()).as(check.path("id").asText() + " carries its counts").isTrue();
        assertThat(d.path("requests").asLong()).isEqualTo(1000);
        assertThat(check.path("traces").size()).as("only a few samples").isLessThan(1000);
        String chart = ExercisePagesTest.chart(result, check.path("title").asText());
        assertThat(chart).contains("observed in all 1,000 requests");
        long sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = d.path("counts").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          long n = e.getValue().asLong();
          sum += n;
          assertThat(chart).as(e.getKey()).contains(">" + Charts.pct(n / 1000.0) + " (" + Charts.count(n) + ")<");
        }
        assertThat(sum).isEqualTo(1000);
        assertThat(d.path("counts").path("v2").asLong()).as("a real split, not all to one subset").isBetween(200L, 400L);
        charts++;
      }
      assertThat(charts).as("gateway and mesh split checks").isEqualTo(2);
    }
  }
}
