package io.trafficlab.web.lesson;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.trafficlab.labs.pack.Lesson;
import io.trafficlab.labs.pack.Pack;
import io.trafficlab.web.account.Visitor;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Chrome;
import io.trafficlab.web.view.Templates;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Lesson pages: rendered once per lesson and pack generation, and cached (an uploaded pack gets a new generation). */
public final class LessonController {

  /** The lesson page's data. */
  public record LessonPage(Chrome chrome, Pack pack, Lesson lesson, String html, Lesson previous,
      Lesson next, List<ExerciseLink> exercises) {}

  /** An exercise linked from a lesson. */
  public record ExerciseLink(String id, String title) {}

  private final PackCatalog packs;
  private final Templates templates;
  private final MarkdownRenderer markdown = new MarkdownRenderer();
  private final ConcurrentHashMap<String, String> html = new ConcurrentHashMap<>();

  public LessonController(PackCatalog packs, Templates templates) {
    this.packs = packs;
    this.templates = templates;
  }

  public void show(Context ctx) {
    PackCatalog.Entry entry = packs.get(ctx.pathParam("pack"))
        .orElseThrow(() -> new NotFoundResponse("No such pack"));
    Pack pack = entry.pack();
    String slug = ctx.pathParam("lesson");
    List<Lesson> lessons = pack.lessons();
    int i = -1;
    for (int k = 0; k < lessons.size(); k++) {
      if (lessons.get(k).slug().equals(slug)) {
        i = k;
      }
    }
    if (i < 0) {
      throw new NotFoundResponse("No such lesson");
    }
    Lesson lesson = lessons.get(i);
    String body = html.computeIfAbsent(pack.id() + "@" + entry.generation() + "/" + slug, k -> markdown.render(lesson.markdown(), pack.id()));
    // Exercises the lesson text already links to ("Try it" links) are not listed a second time.
    List<ExerciseLink> exercises = lesson.exercises().stream()
        .filter(id -> !body.contains("href=\"/packs/" + pack.id() + "/exercises/" + id + "\""))
        .map(id -> new ExerciseLink(id, pack.exercise(id).map(e -> titleOf(e.exerciseYaml(), id)).orElse(id)))
        .toList();
    ctx.html(templates.render("lesson/lesson.jte", new LessonPage(Chrome.of(lesson.title(), Visitor.of(ctx)),
        pack, lesson, body, i > 0 ? lessons.get(i - 1) : null, i + 1 < lessons.size() ? lessons.get(i + 1) : null,
        exercises)));
  }

  /** The exercise title without parsing the whole exercise (its first {@code title:} line). */
  static String titleOf(String exerciseYaml, String fallback) {
    for (String line : exerciseYaml.split("\n")) {
      if (line.startsWith("title:")) {
        String t = line.substring(6).strip();
        if (t.length() > 1 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
          t = t.substring(1, t.length() - 1);
        }
        return t.isEmpty() ? fallback : t;
      }
    }
    return fallback;
  }
}
