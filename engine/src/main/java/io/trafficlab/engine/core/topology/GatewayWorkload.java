package io.trafficlab.engine.core.topology;

import java.util.Map;

/** An ingress gateway pod; a Gateway's {@code selector} matches its labels. */
public record GatewayWorkload(String name, String namespace, Map<String, String> labels) {
  public GatewayWorkload {
    labels = Map.copyOf(labels);
  }
}
