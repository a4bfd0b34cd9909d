package io.trafficlab.labs.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuizParserTest {

  @Test
  void readsTheThreeQuestionTypes(@TempDir Path dir) throws IOException {
    Path file = write(dir, """
        questions:
          - id: a
            type: choice
            prompt: Which?
            options: [x, y, z]
            answer: 1
            explanation: Because y.
          - id: b
            type: multi
            prompt: Which ones?
            options: [x, y, z]
            answer: [0, 2]
            explanation: x and z.
          - id: c
            type: short
            prompt: Flag?
            answer: [NR, " no route "]
            caseSensitive: true
            explanation: No route.
        """);
    PackProblems problems = new PackProblems();

    Quiz quiz = QuizParser.parse("gateway", file, problems).orElseThrow();

    assertThat(problems.list()).isEmpty();
    assertThat(quiz.lesson()).isEqualTo("gateway");
    assertThat(quiz.questions()).extracting(Quiz.Question::type)
        .containsExactly(Quiz.Type.CHOICE, Quiz.Type.MULTI, Quiz.Type.SHORT);
    assertThat(quiz.question("b").orElseThrow().answerIndexes()).containsExactly(0, 2);
    assertThat(quiz.question("c").orElseThrow().accepted()).containsExactly("NR", "no route");
    assertThat(quiz.question("c").orElseThrow().caseSensitive()).isTrue();
  }

  @Test
  void mistakesArePositionedProblems(@TempDir Path dir) throws IOException {
    Path file = write(dir, """
        questions:
          - id: a
            type: choice
            prompt: Which?
            options: [x, y]
            answer: 2
            explanation: e
          - id: a
            type: pick
            prompt: p
            explanation: e
          - id: c
            type: multi
            prompt: p
            options: [x, y]
            answer: 1
            explanation: e
          - id: d
            type: short
            prompt: p
            options: [x]
            answer: [ok]
            explanaton: e
        """);
    PackProblems problems = new PackProblems();

    QuizParser.parse("l", file, problems);

    assertThat(problems.list()).extracting(PackProblems.Problem::render)
        .anySatisfy(s -> assertThat(s).contains("01-l.yaml:6:13").contains("answer 2 is not an option index (0 to 1)"))
        .anySatisfy(s -> assertThat(s).contains(":9:").contains("unknown type \"pick\""))
        .anySatisfy(s -> assertThat(s).contains("multi question c needs a list of option indexes"))
        .anySatisfy(s -> assertThat(s).contains("short question d has options"))
        .anySatisfy(s -> assertThat(s).contains("unknown field \"explanaton\"").contains("did you mean \"explanation\""));
  }

  @Test
  void quizzesAreAttachedToTheLessonOfTheirFileName(@TempDir Path dir) throws IOException {
    Path pack = dir.resolve("p");
    Files.createDirectories(pack.resolve("lessons"));
    Files.createDirectories(pack.resolve("quizzes"));
    Files.writeString(pack.resolve("pack.yaml"), "id: p\ntitle: P\nlessons: [intro]\n");
    Files.writeString(pack.resolve("lessons/01-intro.md"), "---\ntitle: Intro\nslug: intro\n---\nbody\n");
    Files.writeString(pack.resolve("quizzes/01-intro.yaml"),
        "questions:\n  - {id: q, type: short, prompt: p, answer: [x], explanation: e}\n");
    Files.writeString(pack.resolve("quizzes/02-orphan.yaml"), "questions: []\n");

    PackLoader.Loaded loaded = new PackLoader().load(pack);

    assertThat(loaded.pack().lessons()).extracting(Lesson::slug).containsExactly("intro");
    assertThat(loaded.pack().quiz("intro")).isPresent();
    assertThat(loaded.problems().list()).extracting(PackProblems.Problem::message)
        .containsExactly("quiz 02-orphan.yaml belongs to no lesson: \"orphan\" is not in pack.yaml lessons");
  }

  private static Path write(Path dir, String text) throws IOException {
    Path file = dir.resolve("01-l.yaml");
    Files.writeString(file, text);
    return file;
  }

}
