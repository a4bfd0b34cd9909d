package io.trafficlab.labs.grade;

import io.trafficlab.engine.cases.Observation;
import java.util.List;
import java.util.Optional;

/**
 * The result of one check.
 *
 * @param message why it failed, with the observed evidence ("" when it passed)
 * @param hint    the first hint of the check's task when it failed ("" otherwise)
 * @param traces  a few sample observations, failing ones first
 * @param distribution the full counts of the check's {@code distribution} block, when it has one and it ran
 */
public record CheckResult(String id, int task, String title, CheckStatus status, int points,
    int maxPoints, String message, String hint, List<Observation> traces, Optional<DistributionCounts> distribution) {
  public CheckResult {
    traces = List.copyOf(traces);
    distribution = distribution == null ? Optional.empty() : distribution;
  }

  /** A result without distribution counts (a static check, or traffic without a distribution block). */
  public CheckResult(String id, int task, String title, CheckStatus status, int points, int maxPoints,
      String message, String hint, List<Observation> traces) {
    this(id, task, title, status, points, maxPoints, message, hint, traces, Optional.empty());
  }
}
