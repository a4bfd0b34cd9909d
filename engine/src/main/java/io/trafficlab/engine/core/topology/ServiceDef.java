package io.trafficlab.engine.core.topology;

import java.util.List;

/** A Kubernetes service with its pods (all HTTP). */
public record ServiceDef(String name, String namespace, List<ServicePort> ports, List<PodDef> pods) {
  public ServiceDef {
    ports = List.copyOf(ports);
    pods = List.copyOf(pods);
  }

  public String fqdn() {
    return name + "." + namespace + "." + Topology.CLUSTER_DOMAIN;
  }
}
