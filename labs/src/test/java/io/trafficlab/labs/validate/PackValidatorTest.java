package io.trafficlab.labs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.labs.pack.PackProblems;
import io.trafficlab.labs.run.EngineTrafficLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackValidatorTest {
  static final Path TEST_PACK = Path.of("src/test/resources/packs/test-pack");
  static final String EXERCISE = "exercises/header-canary/exercise.yaml";

  /** A lab in which every check passes: the solution scores 100 %, and so does everything else. */
  static final class AllPass implements TrafficLab {
    @Override
    public Topology topology(YamlMap topology, List<Diagnostic> out) {
      return new io.trafficlab.engine.cases.CaseLoader().readTopology("exercise.yaml", topology, out).toTopology();
    }

    @Override
    public Session start(FrontEndResult config, Topology topology, long seed, double timeScale) {
      return new Session() {
        @Override
        public Outcome run(YamlMap checkTraffic) {
          return new Outcome(true, "", List.of(), "");
        }

        @Override
        public void close() {}
      };
    }
  }

  static PackValidator.Report validate(Path dir, Optional<TrafficLab> lab) {
    return new PackValidator(new ConfigFrontEnd(), lab, Grader.Options.DEFAULT).validate(dir);
  }

  static Path copy(Path dir) throws IOException {
    Path to = dir.resolve("test-pack");
    try (Stream<Path> s = Files.walk(TEST_PACK)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(TEST_PACK.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return to;
  }

  static void edit(Path file, String from, String to) throws IOException {
    String s = Files.readString(file);
    assertThat(s).contains(from);
    Files.writeString(file, s.replace(from, to));
  }

  @Test
  void theTestPackKeepsEveryPromiseOnTheRealEngine() {
    PackValidator.Report r = validate(TEST_PACK, Optional.of(new EngineTrafficLab()));

    assertThat(r.problems()).extracting(PackProblems.Problem::render).isEmpty();
    assertThat(r.trafficRun()).isTrue();
    ExerciseVerdict v = r.exercises().get(0);
    assertThat(v.variants()).isEqualTo(2);
    assertThat(v.solutionPercent()).hasValue(100.0);
    assertThat(v.starterPercent().getAsDouble()).isLessThan(100.0);
    assertThat(v.failableChecks()).isEqualTo(3);
    assertThat(v.recognised()).isEqualTo(2);
  }

  @Test
  void withoutAnEngineTheStaticPromisesAreStillChecked(@TempDir Path dir) throws IOException {
    Path pack = copy(dir);
    edit(pack.resolve(EXERCISE), "expect: {subset: v1}", "expect: {subsett: v1}");
    edit(pack.resolve(EXERCISE), "detect: {pattern: \"(?m)^\\\\s+[A-Z][A-Za-z-]*:\\\\s*$\"}", "detect: {pattern: zzz}");
    edit(pack.resolve("exercises/header-canary/solution.yaml"), "  host: shop\n  subsets:", "  host: shop\n  subsetz:");

    PackValidator.Report r = validate(pack, Optional.empty());

    assertThat(r.trafficRun()).isFalse();
    assertThat(r.problems()).extracting(PackProblems.Problem::render)
        .anySatisfy(s -> assertThat(s).contains("exercise.yaml:38:62").contains("check others-to-v1 (variants 0, 1): unknown key \"subsett\" in expect")
            .contains("subsett"))
        .anySatisfy(s -> assertThat(s).contains("upper-case.yaml:1:1")
            .contains("misconception header-upper-case (variants 0, 1) is not recognised in its example: pattern zzz not found"))
        .anySatisfy(s -> assertThat(s).contains("solution.yaml:7:3").contains("the solution (variants 0, 1) has an error")
            .contains("subsetz"));
    assertThat(r.exercises().get(0).solutionPercent()).isEmpty();
  }

  @Test
  void aStarterThatAlreadyPassesAndChecksNobodyFailsAreProblems() {
    PackValidator.Report r = validate(TEST_PACK, Optional.of(new AllPass()));

    assertThat(r.problems()).extracting(PackProblems.Problem::message)
        .contains("the starter (variants 0, 1) already scores 100 %",
            "check canary-to-v2 (variants 0, 1) never fails: neither the starter nor any misconception example fails it")
        .anySatisfy(m -> assertThat(m).startsWith("misconception v2-subset-missing (variants 0, 1) is not recognised"));
    assertThat(r.exercises().get(0).failableChecks()).isEqualTo(1); // only the static check
  }
}
