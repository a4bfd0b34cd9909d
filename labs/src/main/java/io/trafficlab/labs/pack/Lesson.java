package io.trafficlab.labs.pack;

import java.util.List;

/**
 * A lesson: Markdown with YAML front matter.
 *
 * @param markdown the body after the front matter
 * @param bodyLine the 1-based line of the file where the body starts (for diagnostics in code blocks)
 */
public record Lesson(String slug, String title, int minutes, String istioVersions,
    List<String> objectives, List<String> exercises, String seedSection, String markdown,
    String file, int bodyLine) {
  public Lesson {
    objectives = List.copyOf(objectives);
    exercises = List.copyOf(exercises);
  }
}
