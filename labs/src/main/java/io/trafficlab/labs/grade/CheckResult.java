package io.trafficlab.labs.grade;

import io.trafficlab.engine.cases.Observation;
import java.util.List;

/**
 * The result of one check.
 *
 * @param message why it failed, with the observed evidence ("" when it passed)
 * @param hint    the first hint of the check's task when it failed ("" otherwise)
 * @param traces  a few sample observations, failing ones first
 */
public record CheckResult(String id, int task, String title, CheckStatus status, int points,
    int maxPoints, String message, String hint, List<Observation> traces) {
  public CheckResult {
    traces = List.copyOf(traces);
  }
}
