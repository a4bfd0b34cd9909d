package io.trafficlab.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  private static final Path SAMPLES = Path.of("../engine/src/test/resources/conformance");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void jsonPrintsOneObservationPerCopyInTheDesignShape() throws Exception {
    Cli cli = Cli.run("simulate", SAMPLES.resolve("route-header-exact-match.yaml").toString(),
        "--format", "json");

    assertThat(cli.exit()).as(cli.err()).isZero();
    JsonNode root = JSON.readTree(cli.out());
    assertThat(root.get("diagnostics").isArray()).isTrue();
    assertThat(root.get("distribution").isNull()).isTrue();
    JsonNode first = root.get("requests").get(0);
    assertThat(first.get("index").asInt()).isZero();
    JsonNode o = first.get("observations").get(0);
    assertThat(o.get("status").asInt()).isEqualTo(200);
    assertThat(o.get("responseFlags").isArray()).isTrue();
    assertThat(o.get("upstream").get("pod").asText()).startsWith("reviews-");
    assertThat(o.get("upstream").get("podLabels").get("app").asText()).isEqualTo("reviews");
    assertThat(o.get("upstreamAttempts").asInt()).isEqualTo(1);
    assertThat(o.get("route").asText()).contains("VirtualService default/reviews http[");
    assertThat(o.has("latencyMs")).isTrue();
    assertThat(o.has("mirroredTo")).isTrue();
  }

  @Test
  void distributionCountsBySubsetServiceStatusAndPodLabel() throws Exception {
    Cli cli = Cli.run("simulate", SAMPLES.resolve("weight-90-10.yaml").toString(), "--format",
        "json", "--seed", "3", "--time-scale", "20");

    assertThat(cli.exit()).as(cli.err()).isZero();
    JsonNode d = JSON.readTree(cli.out()).get("distribution");
    int n = d.get("requests").asInt();
    assertThat(n).isPositive();
    JsonNode counts = d.get("counts");
    assertThat(counts.get("status").get("200").asInt()).isEqualTo(n);
    assertThat(counts.get("service").get("reviews").asInt()).isEqualTo(n);
    assertThat(counts.get("subset").get("v1").asInt() + counts.get("subset").get("v2").asInt())
        .isEqualTo(n);
    assertThat(counts.get("podLabel").get("version").get("v1").asInt())
        .isEqualTo(counts.get("subset").get("v1").asInt());
  }

  @Test
  void theSameSeedPrintsTheSameObservations() throws Exception {
    String sample = SAMPLES.resolve("weight-90-10.yaml").toString();
    JsonNode a = JSON.readTree(Cli.run("simulate", sample, "--format", "json", "--seed", "9").out());
    JsonNode b = JSON.readTree(Cli.run("simulate", sample, "--format", "json", "--seed", "9").out());

    assertThat(a.get("distribution")).isEqualTo(b.get("distribution"));
  }

  @Test
  void textNamesEachRequestWithItsPodAndRoute() {
    Cli cli = Cli.run("simulate", SAMPLES.resolve("route-https-redirect.yaml").toString());

    assertThat(cli.exit()).isZero();
    assertThat(cli.out()).contains("requests[0]: 301")
        .contains("location https://bookinfo.example.com/productpage")
        .contains("requests[1]: 200 → productpage-v1-0");
  }

  @Test
  void aConfigTheClusterWouldRejectRunsNothingAndExitsOne() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              timeout: 0s
        topology:
          namespace: default
          services:
            - {name: reviews, port: 9080, pods: [{labels: {app: reviews}}]}
        requests:
          - {via: mesh, host: reviews, path: /}
        """);

    Cli cli = Cli.run("simulate", bad.toString(), "--format", "json");

    assertThat(cli.exit()).isEqualTo(1);
    JsonNode root = JSON.readTree(cli.out());
    assertThat(root.get("diagnostics").toString()).contains("bad.yaml");
    assertThat(root.get("requests").size()).isZero();
  }

  @Test
  void missingFileAndBadTimeScaleAreUsageErrors() {
    assertThat(Cli.run("simulate", dir.resolve("nope.yaml").toString()).exit()).isEqualTo(2);
    assertThat(Cli.run("simulate", SAMPLES.resolve("weight-90-10.yaml").toString(),
        "--time-scale", "0").exit()).isEqualTo(2);
  }
}
