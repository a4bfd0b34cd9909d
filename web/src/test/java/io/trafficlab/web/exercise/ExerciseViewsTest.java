package io.trafficlab.web.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure pieces behind the exercise page: variants, percentiles, escaping, the topology diagram. */
class ExerciseViewsTest {

  static final Topology SHOP = new Topology("default", List.of(), List.of(new ServiceDef("shop", "default",
      List.of(new ServicePort(8080, "http")), List.of(
          new PodDef("shop-v1-0", "default", "shop", Map.of("app", "shop", "version", "v1"), null),
          new PodDef("shop-v2-0", "default", "shop", Map.of("app", "shop", "version", "v2"), null)))));

  @Test
  void variantsAreStablePerLearnerAndSpreadOverLearners() {
    Set<Integer> seen = new HashSet<>();
    for (long user = 1; user <= 40; user++) {
      int v = Exercises.variantFor(user, "pack/ex", 3);
      assertThat(v).isBetween(0, 2).isEqualTo(Exercises.variantFor(user, "pack/ex", 3));
      seen.add(v);
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(Exercises.variantFor(7, "pack/ex", 1)).isZero();
  }

  @ParameterizedTest
  @CsvSource({"50, 5", "90, 9", "99, 10", "1, 1"})
  void percentilesUseTheNearestRank(int p, double expected) {
    List<Double> oneToTen = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);

    assertThat(Charts.percentile(oneToTen, p)).isEqualTo(expected);
    assertThat(Charts.percentile(List.of(), p)).isZero();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "# A wristband\\nText.|A wristband|Text.",
      "\\n# A wristband  \\nText.|A wristband|Text.",
      "# Send 10 % to v2\\nText.|Send a share|# Send 10 % to v2\\nText.",
      "Text first.\\n# A wristband|A wristband|Text first.\\n# A wristband",
      "## A wristband\\nText.|A wristband|## A wristband\\nText."})
  void instructionsDropOnlyAFirstHeadingThatRepeatsTheTitle(String markdown, String title, String expected) {
    assertThat(ExerciseController.withoutRepeatedTitle(markdown.replace("\\n", "\n"), title))
        .isEqualTo(expected.replace("\\n", "\n"));
  }

  @ParameterizedTest
  @CsvSource({"ecommerce-frontend,12,ecomme…ntend", "ecommerce-backend,12,ecomme…ckend", "shop,12,shop",
      "ecommerce-frontend-v1-0,15,ecommer…nd-v1-0"})
  void longNamesInTheDiagramKeepTheirStartAndEnd(String name, int max, String shown) {
    assertThat(Svg.cutMiddle(name, max)).isEqualTo(shown).hasSizeLessThanOrEqualTo(max);
  }

  @Test
  void svgTextIsEscaped() {
    String svg = Charts.split("<script>t</script>", Map.of("\"v1'", 0.5), Map.of("<b>", 3L), "<i>3</i> requests");

    assertThat(svg).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("<i>")
        .contains("&lt;script&gt;t&lt;/script&gt;").contains("&quot;v1&#39;").contains("&lt;b&gt;")
        .contains("observed in &lt;i&gt;3&lt;/i&gt; requests");
  }

  @Test
  void aSavedReportWithoutFullCountsChartsItsSamplesAndSaysSo() throws Exception {
    var pack = new io.trafficlab.labs.pack.PackLoader().load(java.nio.file.Path.of("src/test/resources/packs/web-pack")).pack();
    var ex = new io.trafficlab.labs.pack.ExerciseParser().parse("web-pack", pack.exercise("canary-split").orElseThrow(), 0)
        .exercise();
    String trace = "{\"status\":200,\"latencyMs\":1.0,\"upstream\":{\"service\":\"shop\",\"subset\":\"%s\",\"pod\":\"p\"}}";
    String old = "{\"status\":\"pass\",\"score\":7,\"maxScore\":7,\"checks\":[{\"id\":\"split\",\"task\":2,"
        + "\"title\":\"Gateway traffic splits 90/10\",\"status\":\"pass\",\"points\":6,\"maxPoints\":6,\"traces\":["
        + String.join(",", trace.formatted("v1"), trace.formatted("v1"), trace.formatted("v1"), trace.formatted("v2")) + "]}]}";

    ResultView view = ResultView.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree(old), ex, Map.of(), null, false);

    assertThat(view.charts().get(0)).contains("observed in 4 sample requests").contains("75 % (3)").contains("25 % (1)")
        .contains("expected 90 %");
  }

  @Test
  void theDiagramResolvesSubsetsToPodsAndLabelsRouteWeights() {
    String yaml = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: shop}
        spec:
          host: shop.default.svc.cluster.local
          subsets:
          - {name: stable, labels: {version: v1}}
          - {name: ghost, labels: {version: v9}}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop}
        spec:
          hosts: [shop]
          http:
          - route:
            - {destination: {host: shop, subset: stable}, weight: 75}
            - {destination: {host: shop, subset: ghost}, weight: 25}
        """;
    var config = new ConfigFrontEnd().validate("s.yaml", yaml, "default", Optional.of(SHOP)).config();

    var subsets = TopologyDiagram.subsets(SHOP, config, SHOP.services().get(0));
    String svg = TopologyDiagram.render(SHOP, config, Map.of("shop-v1-0", 3L, "shop-v2-0", 1L));

    assertThat(subsets).extracting(TopologyDiagram.Subset::name).containsExactly("stable", "ghost");
    assertThat(subsets.get(0).pods()).extracting(PodDef::name).containsExactly("shop-v1-0");
    assertThat(subsets.get(1).pods()).isEmpty();
    assertThat(svg).contains(">w 75<").contains(">w 25<").contains("node subset empty").contains(">75 %<")
        .contains(">25 %<");
  }
}
