package io.trafficlab.engine.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.config.yaml.YamlMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The case vocabulary read from exercise files: a check's traffic and a topology mapping. */
class CaseLoaderTrafficTest {

  private static YamlMap map(String yaml) {
    return (YamlMap) new YamlLoader().load("exercise.yaml", yaml).documents().get(0).root();
  }

  @Test
  void checkTrafficIsReadBesideTheCheckOwnKeys() {
    List<Diagnostic> out = new ArrayList<>();
    CaseLoader.Traffic t = new CaseLoader().readTraffic("exercise.yaml", map("""
        id: split
        points: 4
        requests:
          - {via: mesh, host: shop, path: /, repeat: 3, expect: {subset: v2}}
        distribution:
          requests: 100
          host: shop
          by: subset
          expect: {v1: 0.9, v2: 0.1}
        totals: {statusCounts: {"200": 3}}
        """), "shop-ns", out);

    assertThat(out).isEmpty();
    assertThat(t.requests()).hasSize(1);
    assertThat(t.requests().get(0).from().namespace()).isEqualTo("shop-ns");
    assertThat(t.requests().get(0).expect().subset()).isEqualTo("v2");
    assertThat(t.distribution()).get().extracting(Distribution::requests).isEqualTo(100);
    assertThat(t.totals()).isPresent();
  }

  @Test
  void mistakesInCheckTrafficArePositionedDiagnostics() {
    List<Diagnostic> out = new ArrayList<>();
    new CaseLoader().readTraffic("exercise.yaml", map("""
        requests:
          - {via: mesh, hots: shop}
        """), "default", out);

    assertThat(out).isNotEmpty().allSatisfy(d -> assertThat(d.file()).isEqualTo("exercise.yaml"));
    assertThat(out).anySatisfy(d -> assertThat(d.line()).isEqualTo(2));
  }

  @Test
  void aTopologyMappingIsReadLikeACaseFiles() {
    List<Diagnostic> out = new ArrayList<>();
    CaseTopology t = new CaseLoader().readTopology("exercise.yaml", map("""
        namespace: shop
        services:
          - name: web
            port: 8080
            pods:
              - labels: {app: web, version: v1}
        secrets: [web-cert]
        """), out);

    assertThat(out).isEmpty();
    assertThat(t.toTopology().allPods()).extracting(p -> p.name()).containsExactly("web-v1-0");
    assertThat(t.secrets()).contains(List.of("web-cert"));
  }
}
