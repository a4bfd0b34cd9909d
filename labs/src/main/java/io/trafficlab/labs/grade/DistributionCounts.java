package io.trafficlab.labs.grade;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a check's {@code distribution} block counted over <em>every</em> request it sent, as the
 * judge saw it (a check's {@code traces} are only a few samples). Reports carry it so that charts
 * show the numbers the check was judged on.
 *
 * @param by        what was counted: {@code subset}, {@code service}, {@code status} or a pod label
 * @param requests  how many requests were counted (the sum of {@code counts})
 * @param counts    requests per key, in key order ({@code (none)}: no subset or label, {@code (no pod)}:
 *                  no pod reached)
 * @param expect    the expected share per key, as the check lists them
 * @param tolerance how far (absolute) an observed share may be from the expected one
 */
public record DistributionCounts(String by, long requests, Map<String, Long> counts, Map<String, Double> expect,
    double tolerance) {

  public DistributionCounts {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    expect = Collections.unmodifiableMap(new LinkedHashMap<>(expect));
  }

  /** Counts of one distribution run; {@code requests} is their sum. */
  public static DistributionCounts of(String by, Map<String, Long> counts, Map<String, Double> expect,
      double tolerance) {
    return new DistributionCounts(by, counts.values().stream().mapToLong(Long::longValue).sum(), counts, expect,
        tolerance);
  }
}
