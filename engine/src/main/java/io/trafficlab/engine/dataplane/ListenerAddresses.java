package io.trafficlab.engine.dataplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where things listen, in the shape the {@code up} command prints first (DESIGN §4, CONTRACT):
 * {@code {"gateways": {"80": "127.0.0.1:40001"}, "sidecars": {"default/client": "..."},
 * "pods": {"web-v1-0": "..."}}}. Maps keep insertion order.
 */
public record ListenerAddresses(Map<String, String> gateways, Map<String, String> sidecars,
    Map<String, String> pods) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ListenerAddresses {
    gateways = Collections.unmodifiableMap(new LinkedHashMap<>(gateways));
    sidecars = Collections.unmodifiableMap(new LinkedHashMap<>(sidecars));
    pods = Collections.unmodifiableMap(new LinkedHashMap<>(pods));
  }

  public ListenerAddresses withPods(Map<String, String> podAddresses) {
    return new ListenerAddresses(gateways, sidecars, podAddresses);
  }

  /** One line of JSON. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("gateways", gateways);
    root.put("sidecars", sidecars);
    root.put("pods", pods);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
