package io.trafficlab.labs.pack;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A lesson's quiz ({@code quizzes/NN-slug.yaml}): questions in file order. Answers stay on the
 * server; a page shows prompts and options only.
 *
 * @param lesson the slug of the lesson the quiz belongs to (the file name without {@code NN-})
 */
public record Quiz(String lesson, List<Question> questions, String file) {

  public Quiz {
    questions = List.copyOf(questions);
  }

  public Optional<Question> question(String id) {
    return questions.stream().filter(q -> q.id().equals(id)).findFirst();
  }

  /** The three kinds of question. */
  public enum Type {
    /** One option is right; the answer is its 0-based index. */
    CHOICE,
    /** Several options are right; the answer is the set of their indexes. */
    MULTI,
    /** A typed answer; any of the accepted strings is right. */
    SHORT;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One question. Invariants (enforced by the loader, which reports violations as pack problems):
   * {@code CHOICE} has one index in {@code answerIndexes}, {@code MULTI} one or more, both within
   * {@code options}; {@code SHORT} has no options and at least one accepted text.
   *
   * @param answerIndexes the right options (choice, multi), 0-based
   * @param accepted      accepted texts (short); compared trimmed, ignoring case unless {@code caseSensitive}
   */
  public record Question(String id, Type type, String prompt, List<String> options,
      List<Integer> answerIndexes, List<String> accepted, boolean caseSensitive, String explanation) {
    public Question {
      options = List.copyOf(options);
      answerIndexes = List.copyOf(answerIndexes);
      accepted = List.copyOf(accepted);
    }
  }
}
