package io.trafficlab.web.view;

import io.trafficlab.labs.pack.Lesson;
import io.trafficlab.web.attempt.Progress;
import io.trafficlab.web.pack.PackCatalog;
import java.util.List;
import java.util.function.BiFunction;

/** The catalogue page: every pack with its lessons in order, their exercises and the learner's progress. */
public record HomePage(Chrome chrome, List<PackItem> packs) {

  public record PackItem(String id, String title, String description, List<LessonItem> lessons, int exercises,
      long passed) {}

  public record LessonItem(Lesson lesson, List<ExerciseItem> exercises) {}

  /** @param standing best score and pass, null when never attempted (or anonymous) */
  public record ExerciseItem(String id, String title, Progress.Standing standing) {}

  public static HomePage of(Chrome chrome, PackCatalog catalog) {
    return of(chrome, catalog, Progress.NONE, (pack, id) -> id);
  }

  /** @param titles exercise title by pack id and exercise id */
  public static HomePage of(Chrome chrome, PackCatalog catalog, Progress progress,
      BiFunction<String, String, String> titles) {
    return new HomePage(chrome, catalog.all().stream()
        .map(e -> new PackItem(e.pack().id(), e.pack().title(), e.pack().description(),
            e.pack().lessons().stream().map(l -> new LessonItem(l, l.exercises().stream()
                .filter(id -> e.pack().exercise(id).isPresent())
                .map(id -> new ExerciseItem(id, titles.apply(e.pack().id(), id), progress.get(e.pack().id(), id)))
                .toList())).toList(),
            e.pack().exercises().size(), progress.passedIn(e.pack().id())))
        .toList());
  }
}
