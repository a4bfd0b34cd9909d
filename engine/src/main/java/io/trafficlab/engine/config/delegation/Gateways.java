package io.trafficlab.engine.config.delegation;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import java.util.List;

/** Gateway names as pilot's {@code resolveGatewayName} qualifies them. */
public final class Gateways {
  /** The reserved name of the sidecars' "gateway". */
  public static final String MESH = "mesh";

  private Gateways() {}

  /**
   * {@code ns/name} of a {@code gateways} entry written in a VirtualService of {@code namespace}:
   * {@code mesh} and {@code ns/name} stay as written, a bare name is in {@code namespace}, the
   * legacy {@code name.ns.svc.cluster.local} means {@code ns/name}.
   */
  public static String resolve(String name, String namespace) {
    if (name.equals(MESH) || name.contains("/")) {
      return name;
    }
    if (name.contains(".")) {
      String[] parts = name.split("\\.", -1);
      // "gw." is rejected by the webhook; analysis still reads it, so never index past the end.
      String ns = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : namespace;
      return ns + "/" + parts[0];
    }
    return namespace + "/" + name;
  }

  /** The resolved {@code gateways} of a match block. */
  static List<String> resolveAll(YamlMap match, String namespace) {
    return YamlReads.strings(match, "gateways").stream().map(g -> resolve(g, namespace)).toList();
  }
}
