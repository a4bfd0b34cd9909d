package io.trafficlab.engine.core.route;

import io.trafficlab.engine.core.lb.Endpoint;
import io.trafficlab.engine.core.policy.ClusterPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An upstream cluster, Envoy's {@code outbound|port|subset|host}: a service port, optionally narrowed
 * to a DestinationRule subset, with the pods it selects and the traffic policy in force.
 *
 * @param name {@code outbound|9080|v2|reviews.default.svc.cluster.local}
 * @param endpoints the pods whose labels match the subset (all service pods without a subset), in
 *     topology order; may be empty (requests then get 503 UH)
 */
public record Cluster(String name, String service, String namespace, int port,
    Optional<String> subset, List<Endpoint> endpoints, ClusterPolicy policy) {

  public Cluster {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(subset, "subset");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(policy, "policy");
  }

  /** The service FQDN ({@code reviews.default.svc.cluster.local}). */
  public String fqdn() {
    return service + "." + namespace + "." + io.trafficlab.engine.core.topology.Topology.CLUSTER_DOMAIN;
  }

  /** Envoy's cluster name for a service port and optional subset. */
  public static String nameOf(int port, String subset, String fqdn) {
    return "outbound|" + port + "|" + (subset == null ? "" : subset) + "|" + fqdn;
  }

  /** {@code reviews.default v2} as explanations print it. */
  public String shortName() {
    return service + "." + namespace + subset.map(s -> " " + s).orElse("");
  }
}
