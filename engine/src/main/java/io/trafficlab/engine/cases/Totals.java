package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.Map;

/**
 * The {@code totals} block: status counts over every copy of every request of the case, in order
 * (the distribution is not included). Statuses not listed are not checked.
 */
public record Totals(SourcePos pos, Map<Integer, IntRange> statusCounts) {
  public Totals {
    statusCounts = Ordered.copy(statusCounts);
  }
}
