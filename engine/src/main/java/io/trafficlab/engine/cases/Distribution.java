package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.Map;

/**
 * The {@code distribution} block: {@code requests} copies of {@code template} (sent one at a time),
 * counted by {@code by} ({@code subset}, {@code service}, {@code status} or a pod label such as
 * {@code version}); each share must be within {@code tolerance} (absolute) of {@code expect}. Keys
 * listed with 0.0, and observed keys not listed at all, are expected to get (almost) nothing.
 */
public record Distribution(SourcePos pos, int requests, CaseRequest template, String by,
    Map<String, Double> expect, double tolerance) {

  public static final double DEFAULT_TOLERANCE = 0.02;

  public Distribution {
    expect = Ordered.copy(expect);
  }

  /** True when {@code by} names a pod label rather than subset, service or status. */
  public boolean byPodLabel() {
    return !by.equals("subset") && !by.equals("service") && !by.equals("status");
  }
}
