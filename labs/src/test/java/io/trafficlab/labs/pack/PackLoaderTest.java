package io.trafficlab.labs.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackLoaderTest {

  static final Path TEST_PACK = Path.of("src/test/resources/packs/test-pack");

  @Test
  void testPackLoadsWithoutProblems() {
    PackLoader.Loaded loaded = new PackLoader().load(TEST_PACK);

    assertThat(loaded.problems().list()).isEmpty();
    assertThat(loaded.pack().id()).isEqualTo("test-pack");
    assertThat(loaded.pack().lessons()).extracting(Lesson::slug).containsExactly("01-header-canary");
    assertThat(loaded.pack().lessons().get(0).bodyLine()).isEqualTo(10);
    assertThat(loaded.pack().exercises()).extracting(ExerciseSource::id).containsExactly("header-canary");
    assertThat(loaded.pack().exercises().get(0).variants()).hasSize(2);
  }

  @Test
  void variantsAreSubstitutedEverywhere() {
    ExerciseSource src = new PackLoader().load(TEST_PACK).pack().exercise("header-canary").orElseThrow();

    ExerciseParser.Parsed second = new ExerciseParser().parse("test-pack", src, 1);

    assertThat(second.problems().list()).isEmpty();
    Exercise ex = second.exercise();
    assertThat(ex.variant()).isEqualTo(Map.of("header", "x-beta", "value", "yes"));
    assertThat(ex.instructions()).contains("`x-beta: yes`");
    assertThat(ex.solution()).contains("x-beta:").doesNotContain("{{");
    assertThat(ex.check("canary-to-v2").orElseThrow().title()).isEqualTo("x-beta: yes reaches v2");
    assertThat(ex.maxScore()).isEqualTo(6);
    assertThat(ex.tasks()).extracting(Exercise.Task::number).containsExactly(1, 2);
    assertThat(ex.hints().get(2)).hasSize(2);
    assertThat(ex.misconceptions().get(0).example()).contains("upper-case.yaml");
  }

  @Test
  void variantIndexWrapsAround() {
    ExerciseSource src = new PackLoader().load(TEST_PACK).pack().exercise("header-canary").orElseThrow();

    assertThat(new ExerciseParser().parse("test-pack", src, 2).exercise().variant())
        .containsEntry("header", "x-canary");
  }

  @Test
  void unknownFieldsAndMissingFilesAreReportedWithPositions(@TempDir Path dir) throws IOException {
    Path pack = dir.resolve("p");
    Files.createDirectories(pack.resolve("lessons"));
    Files.createDirectories(pack.resolve("exercises/e1"));
    Files.writeString(pack.resolve("pack.yaml"), "id: p\ntitle: P\nlessons: [01-a, 02-missing]\ntitel: x\n");
    Files.writeString(pack.resolve("lessons/01-a.md"), "---\ntitle: A\nexercises: [nope]\n---\nbody\n");
    Files.writeString(pack.resolve("exercises/e1/exercise.yaml"), "id: e1\n");

    PackProblems problems = new PackLoader().load(pack).problems();

    assertThat(problems.list()).extracting(PackProblems.Problem::render)
        .anySatisfy(s -> assertThat(s).contains("pack.yaml:4:1").contains("unknown field \"titel\"")
            .contains("did you mean \"title\""))
        .anySatisfy(s -> assertThat(s).contains("\"02-missing\" is listed in pack.yaml but neither lessons/02-missing.md"))
        .anySatisfy(s -> assertThat(s).contains("links exercise \"nope\""))
        .anySatisfy(s -> assertThat(s).contains("missing file starter.yaml"));
  }

  @Test
  void exerciseProblemsNameTheCheckAndTheTask(@TempDir Path dir) throws IOException {
    Path ex = dir.resolve("e1");
    Files.createDirectories(ex);
    Files.writeString(ex.resolve("exercise.yaml"), """
        id: e1
        title: E
        lesson: l
        topology: {namespace: default, services: []}
        tasks: [one]
        checks:
          - {id: a, task: 3, points: 1, title: A}
          - {id: a, task: 1, points: 1, title: B, static: sometimes}
        misconceptions:
          - {id: m, feedback: f, detect: {failedChecks: [zzz]}}
        """);
    ExerciseSource src = new ExerciseSource("e1", ex.toString(), Files.readString(ex.resolve("exercise.yaml")),
        "", "", "", Map.of(), java.util.List.of());

    PackProblems problems = new ExerciseParser().parse("p", src, 0).problems();

    assertThat(problems.list()).extracting(PackProblems.Problem::message)
        .contains("check a refers to task 3 which does not exist",
            "check a has neither traffic (requests/distribution) nor a static rule",
            "duplicate check id \"a\"",
            "unknown static rule \"sometimes\"",
            "misconception m names unknown check \"zzz\"");
  }

  @Test
  void missingPlaceholderValueIsAProblem() {
    ExerciseSource src = new ExerciseSource("e", "/x", "id: e\ntitle: \"{{what}}\"\n", "", "", "", Map.of(),
        java.util.List.of(Map.of("other", "1")));

    assertThat(new ExerciseParser().parse("p", src, 0).problems().list())
        .extracting(PackProblems.Problem::message)
        .anySatisfy(m -> assertThat(m).contains("placeholder {{what}} has no value"));
  }
}
