package io.trafficlab.engine.config.model;

import java.util.List;
import java.util.stream.Stream;

/** The resources of one submission or case, in input order. */
public record ConfigSet(List<Resource> resources) {
  public static final ConfigSet EMPTY = new ConfigSet(List.of());

  public ConfigSet {
    resources = List.copyOf(resources);
  }

  public Stream<Resource> of(ResourceKind kind) {
    return resources.stream().filter(r -> r.kind() == kind);
  }

  public List<Resource> gateways() {
    return of(ResourceKind.GATEWAY).toList();
  }

  public List<Resource> virtualServices() {
    return of(ResourceKind.VIRTUAL_SERVICE).toList();
  }

  public List<Resource> destinationRules() {
    return of(ResourceKind.DESTINATION_RULE).toList();
  }
}
