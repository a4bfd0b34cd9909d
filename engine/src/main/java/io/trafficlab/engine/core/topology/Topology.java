package io.trafficlab.engine.core.topology;

import java.util.List;
import java.util.Optional;

/**
 * The synthetic cluster a case or exercise runs on: ingress gateway workloads and services with their
 * pods. Pure data; the data plane starts one server per pod.
 *
 * @param namespace the default namespace (objects without metadata.namespace live here)
 */
public record Topology(String namespace, List<GatewayWorkload> gateways, List<ServiceDef> services) {
  public static final String CLUSTER_DOMAIN = "svc.cluster.local";

  public Topology {
    namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
    gateways = List.copyOf(gateways);
    services = List.copyOf(services);
  }

  public static Topology empty(String namespace) {
    return new Topology(namespace, List.of(), List.of());
  }

  /** The service with this FQDN ({@code reviews.default.svc.cluster.local}). */
  public Optional<ServiceDef> serviceByFqdn(String fqdn) {
    return services.stream().filter(s -> s.fqdn().equals(fqdn)).findFirst();
  }

  public List<PodDef> allPods() {
    return services.stream().flatMap(s -> s.pods().stream()).toList();
  }
}
