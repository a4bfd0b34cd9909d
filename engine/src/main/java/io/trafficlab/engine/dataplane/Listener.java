package io.trafficlab.engine.dataplane;

import java.util.Map;
import java.util.Objects;

/**
 * Which data-plane listener a request came in on: a gateway server port, or the sidecar of a
 * calling workload (a mesh client such as {@code default/client}, or a pod making its calls).
 *
 * @param key the gateway port number as text ({@code "80"}) or the sidecar key
 *     ({@code "default/client"}, {@code "default/reviews-v2-0"})
 * @param port the gateway server port ({@code 80}); 0 for sidecars
 * @param namespace the workload's namespace (for a gateway, that of its gateway workload, if known)
 * @param labels the workload's labels (sidecars: used by {@code sourceLabels} matches)
 */
public record Listener(Kind kind, String key, int port, String namespace,
    Map<String, String> labels) {

  /** A gateway server port or a sidecar. */
  public enum Kind { GATEWAY, SIDECAR }

  public Listener {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    labels = Map.copyOf(labels);
  }

  public static Listener gateway(int port) {
    return new Listener(Kind.GATEWAY, Integer.toString(port), port, "", Map.of());
  }

  public static Listener sidecar(String key, String namespace, Map<String, String> labels) {
    return new Listener(Kind.SIDECAR, key, 0, namespace, labels);
  }
}
