package io.trafficlab.labs.pack;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads {@code quizzes/NN-slug.yaml}; every mistake becomes a positioned pack problem. */
final class QuizParser {
  private static final Set<String> QUESTION_FIELDS = Set.of("id", "type", "prompt", "options", "answer",
      "explanation", "caseSensitive");

  private QuizParser() {}

  static Optional<Quiz> parse(String lessonSlug, Path file, PackProblems problems) {
    Optional<YamlMap> root = PackLoader.readYamlMap(file, problems);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    Fields f = new Fields(root.get(), "quiz", problems).allow(Set.of("questions"));
    List<YamlMap> items = f.maps("questions");
    if (items.isEmpty()) {
      problems.add(root.get().pos(), "a quiz needs a non-empty questions: list", "");
    }
    List<Quiz.Question> questions = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (YamlMap q : items) {
      question(q, problems).ifPresent(question -> {
        if (!ids.add(question.id())) {
          problems.add(q.get("id").pos(), "duplicate question id \"" + question.id() + "\"",
              "give every question of the quiz its own id");
        }
        questions.add(question);
      });
    }
    return Optional.of(new Quiz(lessonSlug, questions, file.toString()));
  }

  private static Optional<Quiz.Question> question(YamlMap q, PackProblems problems) {
    Fields f = new Fields(q, "question", problems).allow(QUESTION_FIELDS);
    String id = f.string("id");
    String typeName = f.string("type");
    Quiz.Type type;
    try {
      type = Quiz.Type.valueOf(typeName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      if (q.has("type")) {
        problems.add(q.get("type").pos(), "question " + id + ": unknown type \"" + typeName + "\"",
            "use choice (one right option), multi (several) or short (a typed answer)");
      }
      return Optional.empty();
    }
    String prompt = f.string("prompt");
    String explanation = f.string("explanation");
    List<String> options = f.strings("options");
    YamlNode answer = q.get("answer");
    if (answer == null) {
      problems.add(q.pos(), "question " + id + " has no answer", "add answer: ...");
      return Optional.empty();
    }
    List<Integer> indexes = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    switch (type) {
      case CHOICE -> {
        if (options.size() < 2) {
          problems.add(q.pos(), "choice question " + id + " needs at least two options", "");
        }
        index(answer, id, options.size(), problems).ifPresent(indexes::add);
        if (answer instanceof YamlSeq) {
          problems.add(answer.pos(), "choice question " + id + " has one answer, an option index",
              "write answer: 1, or make it type: multi");
        }
      }
      case MULTI -> {
        if (options.size() < 2) {
          problems.add(q.pos(), "multi question " + id + " needs at least two options", "");
        }
        if (answer instanceof YamlSeq seq && !seq.isEmpty()) {
          for (YamlNode n : seq) {
            index(n, id, options.size(), problems).ifPresent(i -> {
              if (indexes.contains(i)) {
                problems.add(n.pos(), "question " + id + " lists option " + i + " twice", "");
              } else {
                indexes.add(i);
              }
            });
          }
        } else {
          problems.add(answer.pos(), "multi question " + id + " needs a list of option indexes",
              "write answer: [0, 2]");
        }
      }
      case SHORT -> {
        if (!options.isEmpty()) {
          problems.add(q.get("options").pos(), "short question " + id + " has options",
              "remove them, or make it type: choice");
        }
        if (answer instanceof YamlScalar s && !s.isNull()) {
          accepted.add(s.value());
        } else if (answer instanceof YamlSeq seq && !seq.isEmpty()) {
          for (YamlNode n : seq) {
            if (n instanceof YamlScalar s && !s.isNull() && !s.value().isBlank()) {
              accepted.add(s.value().trim());
            } else {
              problems.add(n.pos(), "question " + id + ": accepted answers are strings", "");
            }
          }
        } else {
          problems.add(answer.pos(), "short question " + id + " needs the accepted answers",
              "write answer: [NR] (any of the listed texts is right)");
        }
      }
      default -> throw new IllegalStateException("type: " + type);
    }
    boolean caseSensitive = q.scalar("caseSensitive").flatMap(YamlScalar::asBoolean).orElse(false);
    return Optional.of(new Quiz.Question(id, type, prompt, options, indexes, accepted, caseSensitive,
        explanation));
  }

  private static Optional<Integer> index(YamlNode n, String id, int optionCount, PackProblems problems) {
    if (n instanceof YamlScalar s && s.asLong().isPresent()) {
      long i = s.asLong().get();
      if (i >= 0 && i < optionCount) {
        return Optional.of((int) i);
      }
      problems.add(n.pos(), "question " + id + ": answer " + i + " is not an option index (0 to "
          + (optionCount - 1) + ")", "options are numbered from 0");
      return Optional.empty();
    }
    if (!(n instanceof YamlSeq)) {
      problems.add(n.pos(), "question " + id + ": an answer is an option index (0-based)", "");
    }
    return Optional.empty();
  }
}
