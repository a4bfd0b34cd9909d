package io.trafficlab.labs.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.labs.pack.Quiz;
import io.trafficlab.labs.pack.Quiz.Question;
import io.trafficlab.labs.pack.Quiz.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QuizGraderTest {

  static final Question CHOICE = new Question("c", Type.CHOICE, "?", List.of("a", "b", "c"), List.of(1),
      List.of(), false, "b is right");
  static final Question MULTI = new Question("m", Type.MULTI, "?", List.of("a", "b", "c"), List.of(0, 2),
      List.of(), false, "a and c");
  static final Question SHORT = new Question("s", Type.SHORT, "?", List.of(), List.of(), List.of("NR", "no route"),
      false, "no route");
  static final Question SHORT_CASE = new Question("h", Type.SHORT, "?", List.of(), List.of(), List.of("end-user"),
      true, "lower case");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "c | 1       | true",
      "c | ' 1 '   | true",
      "c | 0       | false",
      "c | 1,2     | false",
      "c | x       | false",
      "c | ''      | false",
      "m | 0,2     | true",
      "m | 2, 0    | true",
      "m | 0       | false",
      "m | 0,1,2   | false",
      "s | nr      | true",
      "s | No Route| true",
      "s | NC      | false",
      "h | end-user| true",
      "h | End-User| false"})
  void answersAreJudgedByType(String id, String given, boolean correct) {
    Question q = List.of(CHOICE, MULTI, SHORT, SHORT_CASE).stream().filter(x -> x.id().equals(id)).findFirst()
        .orElseThrow();

    assertThat(QuizGrader.correct(q, given)).isEqualTo(correct);
  }

  @Test
  void scoreCountsRightAnswersAndEveryQuestionKeepsItsExplanation() {
    Quiz quiz = new Quiz("gateway", List.of(CHOICE, MULTI, SHORT), "q.yaml");

    QuizGrader.Result r = QuizGrader.grade(quiz, Map.of("c", "1", "m", "0"));

    assertThat(r.score()).isEqualTo(1);
    assertThat(r.maxScore()).isEqualTo(3);
    assertThat(r.questions()).extracting(QuizGrader.QuestionResult::correct).containsExactly(true, false, false);
    assertThat(r.questions().get(2).given()).isEmpty();
    assertThat(r.questions()).extracting(QuizGrader.QuestionResult::explanation)
        .containsExactly("b is right", "a and c", "no route");
  }
}
