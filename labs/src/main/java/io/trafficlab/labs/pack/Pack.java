package io.trafficlab.labs.pack;

import java.util.List;
import java.util.Optional;

/**
 * A scenario pack (DESIGN §6): ordered lessons and their exercises, loaded from
 * {@code content/packs/<id>/}. Lessons are in pack.yaml order; a lesson's slug is its entry there.
 */
public record Pack(String id, String title, int version, String description, List<Lesson> lessons,
    List<ExerciseSource> exercises, List<Quiz> quizzes) {

  public Pack {
    lessons = List.copyOf(lessons);
    exercises = List.copyOf(exercises);
    quizzes = List.copyOf(quizzes);
  }

  /** The quiz of a lesson, if it has one. */
  public Optional<Quiz> quiz(String lessonSlug) {
    return quizzes.stream().filter(q -> q.lesson().equals(lessonSlug)).findFirst();
  }

  public Optional<Lesson> lesson(String slug) {
    return lessons.stream().filter(l -> l.slug().equals(slug)).findFirst();
  }

  public Optional<ExerciseSource> exercise(String id) {
    return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
  }
}
