package io.trafficlab.labs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.labs.grade.CheckResult;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.ExerciseSource;
import io.trafficlab.labs.pack.Pack;
import io.trafficlab.labs.pack.PackLoader;
import java.nio.file.Path;
import java.util.List;
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
}
