package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.core.topology.HostNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The destinations of a VirtualService (http/tcp/tls routes, {@code mirror}, {@code mirrors}), like
 * Istio's {@code getRouteDestinations} and {@code getHTTPMirrorDestinations}.
 */
final class Destinations {
  private Destinations() {}

  /**
   * One {@code Destination} node.
   *
   * @param route the enclosing route entry ({@code http[0].route[1]}), or null for {@code mirror}
   * @param ruleIndex index of the http/tcp/tls rule
   */
  record Dest(Resource vs, YamlMap node, YamlMap route, boolean mirror, String section, int ruleIndex) {
    Optional<YamlScalar> host() {
      return YamlReads.scalar(node, "host").filter(s -> !s.value().isEmpty());
    }

    /** The host resolved in the VirtualService's namespace, or "" when absent. */
    String resolvedHost() {
      return host().map(h -> HostNames.resolve(h.value(), vs.namespace())).orElse("");
    }

    Optional<YamlScalar> subset() {
      return YamlReads.scalar(node, "subset").filter(s -> !s.value().isEmpty());
    }

    Optional<YamlScalar> portNumber() {
      return YamlReads.map(node, "port").flatMap(p -> YamlReads.scalar(p, "number"));
    }
  }

  static List<Dest> of(Resource vs) {
    List<Dest> out = new ArrayList<>();
    for (String section : List.of("http", "tcp", "tls")) {
      for (YamlReads.Indexed rule : YamlReads.indexed(vs.spec(), section)) {
        for (YamlMap route : YamlReads.maps(rule.node(), "route")) {
          YamlReads.map(route, "destination").ifPresent(
              d -> out.add(new Dest(vs, d, route, false, section, rule.index())));
        }
        if (section.equals("http")) {
          YamlReads.map(rule.node(), "mirror").ifPresent(
              d -> out.add(new Dest(vs, d, null, true, section, rule.index())));
          for (YamlMap m : YamlReads.maps(rule.node(), "mirrors")) {
            YamlReads.map(m, "destination").ifPresent(
                d -> out.add(new Dest(vs, d, m, true, section, rule.index())));
          }
        }
      }
    }
    return out;
  }
}
