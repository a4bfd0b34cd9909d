package io.trafficlab.labs.validate;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One exercise's line in the {@code pack validate} table.
 *
 * @param solutionPercent lowest solution score over the variants; empty when traffic was not run
 * @param starterPercent  highest starter score over the variants; empty when traffic was not run
 * @param failableChecks  checks that the starter or some misconception example fails (in every variant)
 * @param recognised      misconception examples recognised as their misconception (in every variant)
 * @param problems        how many pack problems this exercise has
 */
public record ExerciseVerdict(String exercise, int variants, int checks, OptionalDouble solutionPercent,
    OptionalDouble starterPercent, int failableChecks, int misconceptions, int recognised,
    List<String> neverFailing, int problems) {
  public ExerciseVerdict {
    neverFailing = List.copyOf(neverFailing);
  }

  public boolean ok() {
    return problems == 0;
  }
}
