package io.trafficlab.engine.config.model;

import java.util.List;
import java.util.Optional;

/** The kinds trafficlab understands, with the apiVersions each is served at. */
public enum ResourceKind {
  GATEWAY("Gateway", List.of("networking.istio.io/v1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3")),
  VIRTUAL_SERVICE("VirtualService", List.of("networking.istio.io/v1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3")),
  DESTINATION_RULE("DestinationRule", List.of("networking.istio.io/v1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3")),
  DEPLOYMENT("Deployment", List.of("apps/v1")),
  SERVICE("Service", List.of("v1"));

  private final String kindName;
  private final List<String> apiVersions;

  ResourceKind(String kindName, List<String> apiVersions) {
    this.kindName = kindName;
    this.apiVersions = apiVersions;
  }

  /** The {@code kind:} value as written in YAML. */
  public String kindName() {
    return kindName;
  }

  public List<String> apiVersions() {
    return apiVersions;
  }

  public boolean isIstio() {
    return apiVersions.get(0).startsWith("networking.istio.io/");
  }

  public static Optional<ResourceKind> byKindName(String kind) {
    for (ResourceKind k : values()) {
      if (k.kindName.equals(kind)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
