package io.trafficlab.labs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.labs.grade.CheckResult;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.DistributionCounts;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.grade.ReportJson;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.ExerciseSource;
import io.trafficlab.labs.pack.Pack;
import io.trafficlab.labs.pack.PackLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The grader with the real data plane: a solution scores full marks, its starter does not. */
class EngineTrafficLabTest {
  private static final Grader.Options OPTIONS = new Grader.Options(1, 20);
  private final Grader grader = new Grader(new ConfigFrontEnd(), new EngineTrafficLab());

  private static Exercise exercise(Pack pack, ExerciseSource src) {
    return new ExerciseParser().parse(pack.id(), src, 0).exercise();
  }

  private GradeReport grade(Exercise ex, String submission) {
    return grader.grade(ex, submission, OPTIONS, Grader.Clock.SYSTEM);
  }

  private static String failures(GradeReport r) {
    return r.status() + " " + r.message() + "\n" + r.diagnostics().stream()
        .filter(d -> d.isError()).map(d -> d.render()).collect(Collectors.joining("\n")) + "\n"
        + r.checks().stream()
        .filter(c -> c.status() != CheckStatus.PASS)
        .map(c -> c.id() + " " + c.status() + ": " + c.message())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void theTestPackSolutionPassesAndItsStarterFailsWithEvidenceAndTraces() {
    Pack pack = new PackLoader().load(Path.of("src/test/resources/packs/test-pack")).pack();
    ExerciseSource src = pack.exercise("header-canary").orElseThrow();
    Exercise ex = exercise(pack, src);

    GradeReport solved = grade(ex, PackLoader.substitute(src.solution(), src.variants().get(0)));
    GradeReport started = grade(ex, PackLoader.substitute(src.starter(), src.variants().get(0)));

    assertThat(solved.status()).as(() -> failures(solved)).isEqualTo(CheckStatus.PASS);
    assertThat(solved.score()).isEqualTo(solved.maxScore());
    assertThat(started.status()).isNotEqualTo(CheckStatus.PASS);
    List<CheckResult> failed = started.checks().stream()
        .filter(c -> c.status() == CheckStatus.FAIL).toList();
    assertThat(failed).isNotEmpty().allSatisfy(c -> {
      assertThat(c.message()).isNotBlank();
      assertThat(c.traces()).isNotEmpty();
    });
  }

  @Test
  void distributionChecksCarryTheJudgesCountsOverEveryRequestNotOnlyTheSamples() {
    Pack pack = new PackLoader().load(Path.of("../content/packs/istio-traffic-management")).pack();
    ExerciseSource src = pack.exercise("canary-split").orElseThrow();
    Exercise ex = exercise(pack, src);

    GradeReport started = grade(ex, PackLoader.substitute(src.starter(), src.variants().get(0)));
    GradeReport solved = grade(ex, PackLoader.substitute(src.solution(), src.variants().get(0)));

    CheckResult gateway = started.checks().stream().filter(c -> c.id().equals("gateway-split")).findFirst().orElseThrow();
    DistributionCounts d = gateway.distribution().orElseThrow();
    assertThat(d.by()).isEqualTo("subset");
    assertThat(d.requests()).isEqualTo(1000);
    assertThat(d.counts()).containsExactlyEntriesOf(Map.of("v1", 1000L));
    assertThat(d.expect()).containsExactly(Map.entry("v1", 0.9), Map.entry("v2", 0.1));
    assertThat(d.tolerance()).isEqualTo(0.04);
    assertThat(gateway.traces()).as("the samples are a few").hasSizeLessThanOrEqualTo(10);
    assertThat(gateway.message()).as("the evidence quotes the same counts").contains("(1000/1000)");

    for (CheckResult c : solved.checks()) {
      DistributionCounts full = c.distribution().orElseThrow();
      assertThat(full.requests()).as(c.id()).isEqualTo(1000);
      assertThat(full.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
      assertThat(full.counts().keySet()).containsExactly("v1", "v2");
      assertThat(full.counts().get("v2")).as(c.id() + " share of v2").isBetween(60L, 140L);
    }

    JsonNode json = ReportJson.toJson(solved).path("checks").path(0).path("distribution");
    DistributionCounts first = solved.checks().get(0).distribution().orElseThrow();
    assertThat(json.path("by").asText()).isEqualTo("subset");
    assertThat(json.path("requests").asLong()).isEqualTo(1000);
    assertThat(json.path("counts").path("v1").asLong()).isEqualTo(first.counts().get("v1"));
    assertThat(json.path("counts").path("v2").asLong()).isEqualTo(first.counts().get("v2"));
    assertThat(json.path("expect").path("v2").asDouble()).isEqualTo(0.1);
    assertThat(json.path("tolerance").asDouble()).isEqualTo(0.04);
  }
}
