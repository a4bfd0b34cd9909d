package io.trafficlab.labs.quiz;

import io.trafficlab.labs.pack.Quiz;
import io.trafficlab.labs.pack.Quiz.Question;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Grades quiz answers. Pure: the same quiz and answers always give the same result. An answer is a
 * string as a form sends it: an option index for {@code choice}, comma-separated indexes for
 * {@code multi} (order and spaces do not matter; all right options and no wrong one), the typed
 * text for {@code short}. A missing or malformed answer is simply wrong.
 */
public final class QuizGrader {
  private QuizGrader() {}

  /** One question's outcome; the explanation is shown whether the answer was right or not. */
  public record QuestionResult(String id, boolean correct, String given, String explanation) {}

  /** The whole quiz: one point per question. */
  public record Result(String lesson, List<QuestionResult> questions, int score, int maxScore) {
    public Result {
      questions = List.copyOf(questions);
    }
  }

  public static Result grade(Quiz quiz, Map<String, String> answers) {
    List<QuestionResult> out = new ArrayList<>();
    int score = 0;
    for (Question q : quiz.questions()) {
      String given = answers.getOrDefault(q.id(), "");
      boolean ok = correct(q, given);
      score += ok ? 1 : 0;
      out.add(new QuestionResult(q.id(), ok, given, q.explanation()));
    }
    return new Result(quiz.lesson(), out, score, quiz.questions().size());
  }

  static boolean correct(Question q, String given) {
    String g = given == null ? "" : given.trim();
    return switch (q.type()) {
      case CHOICE -> parseIndexes(g).equals(Set.copyOf(q.answerIndexes())) && !g.contains(",");
      case MULTI -> parseIndexes(g).equals(Set.copyOf(q.answerIndexes()));
      case SHORT -> q.accepted().stream().anyMatch(a -> q.caseSensitive() ? a.trim().equals(g)
          : a.trim().toLowerCase(Locale.ROOT).equals(g.toLowerCase(Locale.ROOT)));
    };
  }

  /** The set of indexes in "0, 2"; an empty set when any part is not a number. */
  private static Set<Integer> parseIndexes(String s) {
    Set<Integer> out = new HashSet<>();
    if (s.isEmpty()) {
      return out;
    }
    for (String part : s.split(",")) {
      try {
        out.add(Integer.parseInt(part.trim()));
      } catch (NumberFormatException e) {
        return Set.of();
      }
    }
    return out;
  }
}
