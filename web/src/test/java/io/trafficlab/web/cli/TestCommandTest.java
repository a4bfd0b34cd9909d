package io.trafficlab.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
  private static final Path SAMPLES = Path.of("../engine/src/test/resources/conformance");

  @TempDir
  Path dir;

  private Path failing() throws Exception {
    Path f = dir.resolve("wrong-subset.yaml");
    Files.writeString(f, """
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews, subset: v1}
          ---
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews}
          spec:
            host: reviews
            subsets:
            - {name: v1, labels: {version: v1}}
        topology:
          namespace: default
          services:
            - name: reviews
              port: 9080
              pods:
                - labels: {app: reviews, version: v1}
        requests:
          - {via: mesh, host: reviews, path: /r, expect: {subset: v2}}
        """);
    return f;
  }

  @Test
  void passingCasesPrintPassAndTheSummary() {
    Cli cli = Cli.run("test", SAMPLES.resolve("route-header-exact-match.yaml").toString(),
        SAMPLES.resolve("resilience-timeout-504.yaml").toString(),
        SAMPLES.resolve("validate-timeout-zero.yaml").toString());

    assertThat(cli.exit()).as(cli.out()).isZero();
    assertThat(cli.out()).contains("PASS " + SAMPLES.resolve("route-header-exact-match.yaml"))
        .endsWith("3 passed, 0 failed\n");
  }

  @Test
  void aFailingCaseNamesTheExpectationAndExitsOne() throws Exception {
    Path f = failing();

    Cli cli = Cli.run("test", f.toString(), SAMPLES.resolve("route-header-exact-match.yaml").toString(),
        "--only-failures");

    assertThat(cli.exit()).isEqualTo(1);
    assertThat(cli.out()).contains("FAIL " + f + " (1 of 1 checks failed)")
        .contains("requests[0].subset").contains("expected subset v2")
        .doesNotContain("PASS ").doesNotContain("trace ")
        .endsWith("1 passed, 1 failed\n");
  }

  @Test
  void detailsShowTheTraceOfEachFailingRequest() throws Exception {
    Cli cli = Cli.run("test", failing().toString(), "--details");

    assertThat(cli.out()).contains("trace requests[0]: 200 → reviews-v1-0 (subset v1)")
        .contains("VirtualService default/reviews http[0]");
  }

  @Test
  void theSameSeedGivesTheSameVerdictsAtAnotherTimeScale() {
    String sample = SAMPLES.resolve("resilience-retries-mask-flaky-pod.yaml").toString();

    Cli fast = Cli.run("test", sample, "--time-scale", "20", "--seed", "5");
    Cli again = Cli.run("test", sample, "--time-scale", "20", "--seed", "5");

    assertThat(fast.exit()).as(fast.out()).isZero();
    assertThat(again.out()).isEqualTo(fast.out());
  }
}
