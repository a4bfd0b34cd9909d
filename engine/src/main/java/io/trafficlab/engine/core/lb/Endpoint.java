package io.trafficlab.engine.core.lb;

import io.trafficlab.engine.core.topology.PodDef;
import java.util.Map;
import java.util.Objects;

/**
 * One upstream host of a cluster: a topology pod. Equality is the pod's, so endpoint lists built by
 * different clusters for the same pod compare equal (load-balancer rings and active-request counts
 * key on it).
 */
public record Endpoint(PodDef pod) {
  public Endpoint {
    Objects.requireNonNull(pod, "pod");
  }

  /** The pod name, unique in the topology ({@code reviews-v2-0}). */
  public String name() {
    return pod.name();
  }

  public Map<String, String> labels() {
    return pod.labels();
  }
}
