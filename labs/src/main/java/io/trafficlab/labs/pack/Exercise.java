package io.trafficlab.labs.pack;

import io.trafficlab.engine.config.yaml.YamlMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One exercise with one variant's parameters substituted (DESIGN §6).
 *
 * @param topology   the {@code topology} mapping in the case-format vocabulary
 * @param hints      progressive hints per task number
 * @param variant    the parameter values in force ({@code {{name}}} → value)
 * @param solution   the hidden reference solution: never part of a report or a page before a pass
 * @param examples   misconception example submissions by file name, placeholders substituted
 */
public record Exercise(String packId, String id, String title, String lesson, int difficulty,
    int minutes, YamlMap topology, List<Task> tasks, List<Check> checks,
    Map<Integer, List<String>> hints, List<Misconception> misconceptions, Map<String, String> variant,
    int variantIndex, String instructions, String starter, String solution, Map<String, String> examples,
    String file) {

  public Exercise {
    tasks = List.copyOf(tasks);
    checks = List.copyOf(checks);
    hints = Map.copyOf(hints);
    misconceptions = List.copyOf(misconceptions);
    variant = Map.copyOf(variant);
    examples = Map.copyOf(examples);
  }

  public String ref() {
    return packId + "/" + id;
  }

  public int maxScore() {
    return checks.stream().mapToInt(Check::points).sum();
  }

  public Optional<Check> check(String checkId) {
    return checks.stream().filter(c -> c.id().equals(checkId)).findFirst();
  }

  /** A numbered task of the instructions. */
  public record Task(int number, String title) {}

  /**
   * A graded check.
   *
   * @param traffic the check's mapping: {@code requests}, {@code distribution} and {@code totals} in
   *                the case vocabulary (DESIGN §5), absent for static checks
   * @param staticRule for checks that traffic cannot tell: "valid", "no-warnings" or "no-diagnostic:CODE"
   * @param failMessage shown when the check fails; {@code {evidence}} is replaced by what was observed
   */
  public record Check(String id, int task, int points, String title, YamlMap traffic,
      Optional<String> staticRule, String failMessage, String file) {}

  /**
   * A known wrong idea with targeted feedback. It is recognised when <em>every</em> condition given
   * under {@code detect} holds (at least one is given).
   *
   * @param failedChecks checks that must all have failed (not passed)
   * @param passedChecks checks that must all have passed (tells apart ideas that fail the same checks)
   * @param diagnostic   a diagnostic code, optionally followed by a space and a text that the
   *     diagnostic's path or message must contain ({@code "TL1001 destination.weight"})
   * @param pattern      a regex found somewhere in the submission text
   * @param example      file name (under misconceptions/) of a submission that shows it; pack validate
   *     grades it and expects this misconception to be recognised
   */
  public record Misconception(String id, String title, List<String> failedChecks,
      List<String> passedChecks, Optional<String> diagnostic, Optional<String> pattern,
      String feedback, Optional<String> example) {
    public Misconception {
      failedChecks = List.copyOf(failedChecks);
      passedChecks = List.copyOf(passedChecks);
    }
  }
}
