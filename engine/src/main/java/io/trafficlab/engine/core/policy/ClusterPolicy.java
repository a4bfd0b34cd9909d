package io.trafficlab.engine.core.policy;

import io.trafficlab.engine.core.lb.LbPolicy;
import java.util.Optional;

/** The traffic policy in force for one cluster (service, port, subset) after merging (§6). */
public record ClusterPolicy(LbPolicy lb, ConnectionPoolPolicy pool, Optional<OutlierPolicy> outlier) {
  public static final ClusterPolicy DEFAULT =
      new ClusterPolicy(LbPolicy.DEFAULT, ConnectionPoolPolicy.DEFAULT, Optional.empty());
}
