package io.trafficlab.engine.config.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.model.ConfigSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Odd shapes never break analysis: fed to the analyzer directly (the schema layer would reject most
 * of them first), so a defect shows as IST0001 here.
 */
class RobustnessTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "hosts: 5\ngateways: {a: b}\nhttp: x",
      "hosts: [~, 7, {a: b}]\ngateways: [[x], ~, mesh]\nhttp: [~, 3, {match: 5, route: x}]",
      "hosts: [r]\nhttp: [{match: [~, 3, {uri: 5, headers: [a]}], route: [~, {destination: 4}]}]",
      "hosts: [r]\nhttp: [{match: [{uri: {prefix: ~}}, {uri: {prefix: ~}}], route: [{weight: x}]}]",
      "hosts: [r]\nhttp: [{mirror: [x], mirrors: [{destination: ~}], route: [{destination: {host: ~, subset: {}}}]}]",
      "hosts: [r]\nhttp: [{match: [{headers: {\"\": {}, X: ~}}, {withoutHeaders: 3}]}]",
      "hosts: [\"*\"]\ngateways: [\"/\", \"a/\", \".\", \"..\", \"ns/\"]",
  })
  void oddVirtualServicesNeverThrow(String spec) {
    String yaml = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v}\n"
        + "spec:\n" + spec.indent(2);
    assertThat(Findings.analyzeRaw(yaml, Findings.bookinfo())).noneMatch(d -> d.code().equals("IST0001"));
    assertThat(Findings.analyzeRaw(yaml, Optional.empty())).noneMatch(d -> d.code().equals("IST0001"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n"
          + "  selector: [a]\n  servers: [~, {port: 5, hosts: 7}, {port: {number: x}, hosts: [~, \"a/\"]}]",
      "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: d}\nspec:\n"
          + "  host: [x]\n  subsets: [~, {name: {a: b}, labels: 5}]\n  trafficPolicy: {tls: 5, portLevelSettings: [~, {tls: {mode: [x]}}]}",
      "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: d}\nspec:\n"
          + "  host: reviews\n  subsets: [{name: v1, labels: {version: [x]}}]",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n"
          + "  replicas: -3\n  selector: {matchLabels: {app: a}}\n  template: {metadata: {labels: {app: a}}}",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n"
          + "  replicas: x\n  selector: 5\n  template: [x]",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: 5",
      "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: 5\n  ports: [~, {port: x}, {port: 99999999}]",
  })
  void oddGatewaysRulesAndWorkloadsNeverThrow(String yaml) {
    assertThat(Findings.analyzeRaw(yaml, Findings.bookinfo())).noneMatch(d -> d.code().equals("IST0001"));
    assertThat(Findings.analyzeRaw(yaml, Optional.empty())).noneMatch(d -> d.code().equals("IST0001"));
  }

  @Test
  void thousandsOfRulesAreAnalysedWithoutHanging() {
    StringBuilder yaml = new StringBuilder("apiVersion: networking.istio.io/v1\n"
        + "kind: VirtualService\nmetadata: {name: v}\nspec:\n  hosts: [reviews]\n  http:\n");
    for (int i = 0; i < 2000; i++) {
      yaml.append("  - match: [{uri: {prefix: /p").append(i).append("}}, {uri: {exact: /p0}}]\n")
          .append("    route: [{destination: {host: reviews}}]\n");
    }
    long start = System.nanoTime();
    List<Diagnostic> found = Findings.analyze(yaml.toString(), Findings.bookinfo());
    // Generous bound: this guards against a quadratic blow-up, not for speed.
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(
        java.time.Duration.ofSeconds(20));
    assertThat(found).filteredOn(d -> d.code().equals("IST0131")).hasSizeGreaterThan(1900);
  }

  @Test
  void emptyConfigAndNullTopologyAreFine() {
    List<Diagnostic> out = new ArrayList<>();
    new Analyzer().analyze(ConfigSet.EMPTY, Optional.empty(), out);
    assertThat(out).isEmpty();
    assertThat(TopologyFromConfig.merge(null, ConfigSet.EMPTY, null, out)).isEmpty();
  }
}
