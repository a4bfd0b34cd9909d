package io.trafficlab.labs.pack;

import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlMap;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Splits a lesson file into YAML front matter (between {@code ---} lines) and Markdown. */
final class LessonParser {
  private LessonParser() {}

  static Optional<Lesson> parse(String slug, Path file, PackProblems problems) {
    String text = PackLoader.readText(file, problems, true);
    if (text == null) {
      return Optional.empty();
    }
    String normalized = text.replace("\r\n", "\n");
    if (!normalized.startsWith("---\n")) {
      problems.add(SourcePos.start(file.toString()), "lesson must start with YAML front matter between --- lines",
          "start the file with ---, then title: ..., minutes: ..., then ---");
      return Optional.empty();
    }
    int end = normalized.indexOf("\n---\n", 3);
    if (end < 0) {
      problems.add(SourcePos.start(file.toString()), "front matter is not closed by a --- line", "");
      return Optional.empty();
    }
    String front = normalized.substring(4, end + 1);
    String body = normalized.substring(end + 5);
    int bodyLine = (int) normalized.substring(0, end + 5).chars().filter(c -> c == '\n').count() + 1;
    // Parse the front matter with line numbers of the real file: pad with the opening line.
    Optional<YamlMap> fm = PackLoader.parseMap(file.toString(), "\n" + front, problems);
    if (fm.isEmpty()) {
      return Optional.empty();
    }
    Fields f = new Fields(fm.get(), "front matter of " + slug + ".md", problems)
        .allow(Set.of("title", "slug", "minutes", "istioVersions", "objectives", "exercises", "seedSection", "quiz"));
    f.optString("slug").ifPresent(s -> {
      if (!s.equals(slug)) {
        problems.add(fm.get().get("slug").pos(), "slug \"" + s + "\" differs from the file name " + slug + ".md", "make them equal");
      }
    });
    return Optional.of(new Lesson(slug, f.string("title"), f.integer("minutes", 1, 600, 10),
        f.optString("istioVersions").orElse(""), f.strings("objectives"), f.strings("exercises"),
        f.optString("seedSection").orElse(""), body, file.toString(), bodyLine));
  }
}
