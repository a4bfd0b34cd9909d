package io.trafficlab.engine.config.compile;

import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.core.lb.Endpoint;
import io.trafficlab.engine.core.route.Cluster;
import io.trafficlab.engine.core.topology.HostNames;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every cluster of the topology: per service port one cluster without subset plus one per subset of
 * the DestinationRule that covers the service. A subset no DestinationRule defines has no cluster
 * (requests routed there get 503 NC), as in Envoy.
 */
final class ClusterTable {
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();

  ClusterTable(ConfigSet config, Topology topology) {
    List<Resource> rules = config.destinationRules();
    for (ServiceDef service : topology.services()) {
      Optional<Resource> dr = ruleFor(rules, service.fqdn());
      Optional<YamlMap> spec = dr.map(Resource::spec);
      for (ServicePort port : service.ports()) {
        add(service, port.number(), null, Map.of(), spec);
        for (YamlMap subset : YamlReads.maps(spec.orElse(null), "subsets")) {
          Optional<String> name = YamlReads.string(subset, "name");
          if (name.isPresent()) {
            add(service, port.number(), name.get(), YamlReads.stringMap(subset, "labels"), spec);
          }
        }
      }
    }
  }

  Map<String, Cluster> all() {
    return clusters;
  }

  /** The cluster with this Envoy name, or null when Envoy would not find it. */
  Cluster get(String name) {
    return clusters.get(name);
  }

  private void add(ServiceDef service, int port, String subset, Map<String, String> labels,
      Optional<YamlMap> spec) {
    String name = Cluster.nameOf(port, subset, service.fqdn());
    if (clusters.containsKey(name)) {
      return; // duplicate subset name: the first definition wins
    }
    List<Endpoint> endpoints = service.pods().stream()
        .filter(p -> matches(p, labels))
        .map(Endpoint::new)
        .toList();
    clusters.put(name, new Cluster(name, service.name(), service.namespace(), port,
        Optional.ofNullable(subset), endpoints,
        PolicyCompiler.cluster(spec, Optional.ofNullable(subset), port)));
  }

  private static boolean matches(PodDef pod, Map<String, String> labels) {
    return pod.matches(labels);
  }

  /**
   * The DestinationRule for a service: an exact host (short names resolve in the rule's namespace)
   * beats a wildcard, a longer wildcard beats a shorter one, and among equals the first wins.
   */
  static Optional<Resource> ruleFor(List<Resource> rules, String fqdn) {
    Resource best = null;
    int bestScore = -1;
    for (Resource r : rules) {
      Optional<String> host = r.spec().string("host");
      if (host.isEmpty()) {
        continue;
      }
      String resolved = HostNames.resolve(host.get(), r.namespace());
      int score;
      if (resolved.equals(fqdn)) {
        score = Integer.MAX_VALUE;
      } else if (HostNames.isWildcard(resolved) && HostNames.matches(resolved, fqdn)) {
        score = resolved.length();
      } else {
        continue;
      }
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }
}
