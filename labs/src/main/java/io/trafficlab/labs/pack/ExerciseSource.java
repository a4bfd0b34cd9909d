package io.trafficlab.labs.pack;

import java.util.List;
import java.util.Map;

/**
 * The files of one exercise as written, before a variant's parameters are substituted.
 *
 * @param variants parameter sets ({@code {{name}}} placeholders); one empty map when there are none
 */
public record ExerciseSource(String id, String dir, String exerciseYaml, String instructions,
    String starter, String solution, Map<String, String> misconceptionExamples,
    List<Map<String, String>> variants) {
  public ExerciseSource {
    misconceptionExamples = Map.copyOf(misconceptionExamples);
    variants = variants.isEmpty() ? List.of(Map.of()) : List.copyOf(variants);
  }
}
