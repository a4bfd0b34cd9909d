package io.trafficlab.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pack new}, {@code pack validate} and {@code grade}, in-process, on the real engine. */
class PackAndGradeCommandTest {
  static final String PACKS = "../labs/src/test/resources/packs";
  static final Path SOLUTION = Path.of(PACKS, "test-pack/exercises/header-canary/solution.yaml");
  static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void restoreTheEngine() {
    Labs.factory = io.trafficlab.labs.run.TrafficLabs::find;
  }

  @Test
  void aNewPackPassesPackValidateWithTraffic(@TempDir Path dir) {
    Cli created = Cli.run("pack", "new", "my-course", "--dir", dir.toString());

    assertThat(created.exit()).isZero();
    assertThat(dir.resolve("my-course/exercises/pin-v1/misconceptions/subset-not-defined.yaml")).exists();
    Cli validated = Cli.run("pack", "validate", dir.resolve("my-course").toString());
    assertThat(validated.exit()).as(validated.out()).isZero();
    assertThat(validated.out()).contains("pack my-course: 1 lessons, 1 exercises, 1 quizzes")
        .containsPattern("pin-v1 +1 +100 % +20 % +2/2 +1/1 +ok").endsWith("ok\n");
  }

  @Test
  void packNewRefusesBadNamesAndExistingFolders(@TempDir Path dir) throws IOException {
    assertThat(Cli.run("pack", "new", "My Course", "--dir", dir.toString()).exit()).isEqualTo(2);
    Files.createDirectory(dir.resolve("taken"));
    Cli taken = Cli.run("pack", "new", "taken", "--dir", dir.toString());
    assertThat(taken.exit()).isEqualTo(1);
    assertThat(taken.err()).contains("already exists");
  }

  @Test
  void packValidateReportsProblemsWithPositionsAndExitsOne(@TempDir Path dir) throws IOException {
    Cli.run("pack", "new", "p", "--dir", dir.toString());
    Path ex = dir.resolve("p/exercises/pin-v1/exercise.yaml");
    Files.writeString(ex, Files.readString(ex).replace("    points: 4\n", "    points: 4\n    pionts: 1\n"));
    Labs.factory = Optional::empty;

    Cli r = Cli.run("pack", "validate", dir.resolve("p").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("exercise.yaml:27:5: unknown field \"pionts\" in check")
        .contains("did you mean \"points\"?").contains("traffic not run").endsWith("1 problem\n");
    assertThat(Cli.run("pack", "validate", dir.toString()).exit()).isEqualTo(2);
  }

  @Test
  void gradeTextShowsScoreBarChecksHintsAndMisconceptions(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("answer.yaml");
    Files.writeString(file, Files.readString(SOLUTION).replace("{{header}}", "X-Canary").replace("{{value}}", "on")
        .replace("        subset: v1", "        subset: v2"));

    Cli r = Cli.run("grade", "--packs", PACKS, "--exercise", "test-pack/header-canary", file.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("test-pack/header-canary\nScore 4/6  █████████████░░░░░░░  67 %  FAIL")
        .contains("✔ valid         The configuration is valid  (1/1, task 1)")
        .contains("✘ others-to-v1  Everyone else reaches v1  (0/2, task 2)")
        .contains("hint: Put the header match first, the catch-all route last.")
        .contains("Common mistakes that match your submission\n  • Header name not lower-case");
  }

  @Test
  void gradeVariantAndExportFormats(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("answer.yaml");
    Files.writeString(file, Files.readString(SOLUTION).replace("{{header}}", "x-beta").replace("{{value}}", "yes"));

    Cli json = Cli.run("grade", "--packs", PACKS, "--exercise", "test-pack/header-canary", "--variant", "1",
        "--format", "json", file.toString());
    Cli exercism = Cli.run("grade", "--packs", PACKS, "--exercise", "test-pack/header-canary", "--variant", "1",
        "--format", "exercism", file.toString());
    Cli gradescope = Cli.run("grade", "--packs", PACKS, "--exercise", "test-pack/header-canary", "--variant", "1",
        "--format", "gradescope", file.toString());

    assertThat(JSON.readTree(json.out()).path("status").asText()).isEqualTo("pass");
    assertThat(JSON.readTree(json.out()).path("variant").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(exercism.out()).path("status").asText()).isEqualTo("pass");
    assertThat(JSON.readTree(gradescope.out()).path("score").asDouble()).isEqualTo(6.0);
  }

  @Test
  void aRejectedConfigurationIsGradedAndUnknownExercisesAreNot(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("answer.yaml");
    Files.writeString(file, "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: x}\nspec: {htp: []}\n");

    Cli rejected = Cli.run("grade", "--packs", PACKS, "--exercise", "test-pack/header-canary", "--format", "json",
        file.toString());
    assertThat(rejected.exit()).isZero();
    assertThat(JSON.readTree(rejected.out()).path("status").asText()).isEqualTo("error");

    assertThat(Cli.run("grade", "--packs", PACKS, "--exercise", "test-pack/nope", file.toString()).err())
        .contains("pack test-pack has no exercise \"nope\"");
    assertThat(Cli.run("grade", "--packs", PACKS, "--exercise", "test-pack/nope", file.toString()).exit()).isEqualTo(1);
    assertThat(Cli.run("grade", "--packs", PACKS, "--exercise", "nopack", file.toString()).exit()).isEqualTo(1);
    assertThat(Cli.run("grade", "--packs", PACKS, "--exercise", "test-pack/header-canary", "missing.yaml").exit())
        .isEqualTo(1);
    Labs.factory = Optional::empty;
    Cli noEngine = Cli.run("grade", "--packs", PACKS, "--exercise", "test-pack/header-canary", file.toString());
    assertThat(noEngine.exit()).isEqualTo(1);
    assertThat(noEngine.err()).contains("no engine");
  }
}
