package io.trafficlab.engine.core.topology;

import java.util.Map;

/**
 * One synthetic pod. {@code name} is unique in the topology ({@code reviews-v2-0}).
 */
public record PodDef(String name, String namespace, String service, Map<String, String> labels,
    PodBehavior behavior) {
  public PodDef {
    labels = Map.copyOf(labels);
    behavior = behavior == null ? PodBehavior.HEALTHY : behavior;
  }

  /** True when every selector label is on this pod (an empty selector selects every pod). */
  public boolean matches(Map<String, String> selector) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
