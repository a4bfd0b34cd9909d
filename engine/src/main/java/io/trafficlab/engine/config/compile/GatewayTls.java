package io.trafficlab.engine.config.compile;

import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.core.topology.GatewayWorkload;
import io.trafficlab.engine.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which gateway ports terminate TLS, and with which credentials: the HTTPS servers (tls mode
 * SIMPLE, MUTUAL, OPTIONAL_MUTUAL or ISTIO_MUTUAL) of Gateways whose selector matches a gateway
 * workload of the topology. PASSTHROUGH servers are not terminated (and not routed over HTTP).
 */
public final class GatewayTls {
  private static final Set<String> TERMINATING =
      Set.of("SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL", "ISTIO_MUTUAL");

  private GatewayTls() {}

  /**
   * One terminating server.
   *
   * @param credentialName the credential named (a placeholder per Gateway when the server uses
   *     file certificates or Istio's)
   * @param hosts the server's hosts as written ({@code ns/} prefixes included)
   */
  public record Termination(String credentialName, List<String> hosts) {
    public Termination {
      hosts = List.copyOf(hosts);
    }
  }

  /** Gateway port → its TLS-terminating servers, in config order; ports without any are absent. */
  public static Map<Integer, List<Termination>> servers(ConfigSet config, Topology topology) {
    Map<Integer, List<Termination>> out = new TreeMap<>();
    for (Resource gw : config.gateways()) {
      Map<String, String> selector = YamlReads.stringMap(gw.spec(), "selector");
      boolean selects = topology.gateways().stream().map(GatewayWorkload::labels)
          .anyMatch(l -> selector.entrySet().stream()
              .allMatch(e -> e.getValue().equals(l.get(e.getKey()))));
      if (!selects) {
        continue;
      }
      for (YamlMap server : YamlReads.maps(gw.spec(), "servers")) {
        YamlMap port = YamlReads.map(server, "port").orElse(null);
        String protocol = YamlReads.string(port, "protocol").orElse("").toUpperCase(Locale.ROOT);
        YamlMap tls = YamlReads.map(server, "tls").orElse(null);
        String mode = YamlReads.string(tls, "mode").orElse("PASSTHROUGH");
        if (!protocol.equals("HTTPS") || !TERMINATING.contains(mode)
            || YamlReads.integer(port, "number").isEmpty()) {
          continue;
        }
        String credential = YamlReads.string(tls, "credentialName")
            .or(() -> YamlReads.strings(tls, "credentialNames").stream().findFirst())
            .orElse(gw.namespace() + "/" + gw.name() + " certificate");
        out.computeIfAbsent(YamlReads.integer(port, "number").get().intValue(), k -> new ArrayList<>())
            .add(new Termination(credential, YamlReads.strings(server, "hosts")));
      }
    }
    return out;
  }
}
