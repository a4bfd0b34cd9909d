package io.trafficlab.engine.dataplane;

import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import io.trafficlab.engine.core.topology.PodDef;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The listeners to start: one per gateway server port (TLS-terminating when the port has HTTPS
 * servers) and one per calling workload's sidecar.
 */
public record ListenerPlan(List<GatewayPort> gateways, List<Sidecar> sidecars) {
  public ListenerPlan {
    gateways = List.copyOf(gateways);
    sidecars = List.copyOf(sidecars);
    Set<Integer> ports = new HashSet<>();
    for (GatewayPort g : gateways) {
      if (!ports.add(g.port())) {
        throw new IllegalArgumentException("gateway port " + g.port() + " listed twice");
      }
    }
    Set<String> keys = new HashSet<>();
    for (Sidecar s : sidecars) {
      if (!keys.add(s.key())) {
        throw new IllegalArgumentException("sidecar " + s.key() + " listed twice");
      }
    }
  }

  /**
   * A gateway server port.
   *
   * @param tls SNI → context for HTTPS servers on this port (see
   *     {@link io.trafficlab.engine.dataplane.tls.GatewayCertificates#sniMapping}), null for plain
   */
  public record GatewayPort(int port, Mapping<String, SslContext> tls) {
    public GatewayPort {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
      }
    }

    public static GatewayPort plain(int port) {
      return new GatewayPort(port, null);
    }
  }

  /** A workload's sidecar; {@code key} is how {@code up} and observations name it. */
  public record Sidecar(String key, String namespace, Map<String, String> labels) {
    public Sidecar {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(namespace, "namespace");
      labels = Map.copyOf(labels);
    }

    /** The sidecar a pod makes its calls through, keyed {@code namespace/podName}. */
    public static Sidecar ofPod(PodDef pod) {
      return new Sidecar(pod.namespace() + "/" + pod.name(), pod.namespace(), pod.labels());
    }
  }
}
