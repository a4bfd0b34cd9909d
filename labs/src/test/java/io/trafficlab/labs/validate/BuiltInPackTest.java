package io.trafficlab.labs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.pack.PackProblems;
import io.trafficlab.labs.run.EngineTrafficLab;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The built-in pack passes `trafficlab pack validate` with the real engine: every solution scores
 * 100 %, every starter less, every check can fail, every misconception example is recognised, for
 * every variant. Content and engine change independently; this is where they meet.
 */
class BuiltInPackTest {
  static final Path BUILT_IN = Path.of("../content/packs/istio-traffic-management");

  @Test
  void theBuiltInPackPassesPackValidateWithTheRealEngine() {
    PackValidator.Report report = new PackValidator(new ConfigFrontEnd(),
        Optional.of(new EngineTrafficLab()), Grader.Options.DEFAULT).validate(BUILT_IN);

    assertThat(report.problems()).extracting(PackProblems.Problem::render).isEmpty();
    assertThat(report.exercises()).hasSizeGreaterThanOrEqualTo(18);
    assertThat(report.ok()).isTrue();
  }
}
