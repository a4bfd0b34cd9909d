package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.core.topology.GatewayWorkload;
import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code topology} block as written (defaults applied). {@link #toTopology()} gives the engine's
 * {@link Topology} with pod names {@code <service>-<version label or "pod">-<i>}: unique, and stable
 * for a given file ({@code reviews-v2-0}).
 *
 * @param secrets credential names that exist; empty when not set (then any credentialName gets a
 *     self-signed certificate)
 */
public record CaseTopology(String namespace, List<GatewayWorkload> gateways, List<Service> services,
    Optional<List<String>> secrets) {

  public CaseTopology {
    gateways = List.copyOf(gateways);
    services = List.copyOf(services);
    secrets = secrets.map(List::copyOf);
  }

  public static CaseTopology empty(String namespace) {
    return new CaseTopology(namespace, List.of(), List.of(), Optional.empty());
  }

  /** A service and its pods. */
  public record Service(String name, String namespace, List<ServicePort> ports, List<Pod> pods,
      SourcePos pos) {
    public Service {
      ports = List.copyOf(ports);
      pods = List.copyOf(pods);
    }
  }

  /** A pod of a service: its labels and how it answers. */
  public record Pod(Map<String, String> labels, PodBehavior behavior, SourcePos pos) {
    public Pod {
      labels = Map.copyOf(labels);
      behavior = behavior == null ? PodBehavior.HEALTHY : behavior;
    }
  }

  /** The engine's topology; pods are named in file order. */
  public Topology toTopology() {
    Map<String, Integer> next = new HashMap<>();
    List<ServiceDef> defs = new ArrayList<>();
    for (Service s : services) {
      List<PodDef> pods = new ArrayList<>();
      for (Pod p : s.pods()) {
        String prefix = s.name() + "-" + p.labels().getOrDefault("version", "pod") + "-";
        int i = next.merge(prefix, 1, Integer::sum) - 1;
        pods.add(new PodDef(prefix + i, s.namespace(), s.name(), p.labels(), p.behavior()));
      }
      defs.add(new ServiceDef(s.name(), s.namespace(), s.ports(), pods));
    }
    return new Topology(namespace, gateways, defs);
  }
}
