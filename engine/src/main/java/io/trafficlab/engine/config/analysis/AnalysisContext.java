package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.delegation.Delegation;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.core.topology.HostNames;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every check needs: the resources indexed by kind and name, the topology when one is known,
 * the shared host/gateway resolution rules, and the one place diagnostics are reported.
 */
final class AnalysisContext {
  static final String MESH = "mesh";

  /** A gateway reference of a VirtualService: the node as written and the {@code ns/name} it means. */
  record GatewayRef(YamlScalar node, String written, String qualified) {
    boolean isMesh() {
      return written.equals(MESH);
    }
  }

  private final ConfigSet config;
  private final Optional<Topology> topology;
  private final List<Diagnostic> out;
  private final Map<String, Resource> gatewaysByName = new LinkedHashMap<>();
  private Delegation delegation;

  AnalysisContext(ConfigSet config, Optional<Topology> topology, List<Diagnostic> out) {
    this.config = config;
    this.topology = topology == null ? Optional.empty() : topology;
    this.out = out;
    for (Resource gw : config.gateways()) {
      gatewaysByName.putIfAbsent(gw.namespace() + "/" + gw.name(), gw);
    }
  }

  ConfigSet config() {
    return config;
  }

  Optional<Topology> topology() {
    return topology;
  }

  List<Diagnostic> reported() {
    return out;
  }

  /** The VirtualServices with delegation resolved, as routing sees them (built on first use). */
  Delegation delegation() {
    if (delegation == null) {
      delegation = new Delegation(config);
    }
    return delegation;
  }

  void report(DiagnosticCode code, YamlNode at, Resource r, String hint, Object... args) {
    YamlNode node = at == null ? r.root() : at;
    out.add(Diagnostic.of(code, node.pos(), node.path(), r.ref(), hint, args));
  }

  // ---- gateways ----

  Optional<Resource> gateway(String qualifiedName) {
    return Optional.ofNullable(gatewaysByName.get(qualifiedName));
  }

  /**
   * The gateways a VirtualService names, resolved like pilot's {@code resolveGatewayName}:
   * {@code ns/name}; a bare name is in the VirtualService's namespace; the legacy
   * {@code name.ns.svc.cluster.local} form means {@code ns/name}.
   */
  static List<GatewayRef> gatewayRefs(Resource vs) {
    List<GatewayRef> refs = new ArrayList<>();
    for (YamlScalar s : YamlReads.scalars(vs.spec(), "gateways")) {
      String g = s.value().trim();
      String q;
      if (g.equals(MESH)) {
        q = MESH;
      } else if (g.contains("/")) {
        q = g;
      } else if (g.contains(".")) {
        String[] parts = g.split("\\.", -1);
        String ns = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : vs.namespace();
        q = ns + "/" + parts[0];
      } else {
        q = vs.namespace() + "/" + g;
      }
      refs.add(new GatewayRef(s, g, q));
    }
    return refs;
  }

  /** Bound to sidecars: no {@code gateways} at all, or {@code mesh} listed. */
  static boolean isMeshBound(Resource vs) {
    List<GatewayRef> refs = gatewayRefs(vs);
    return refs.isEmpty() || refs.stream().anyMatch(GatewayRef::isMesh);
  }

  /** Bound to at least one gateway other than {@code mesh}. */
  static boolean isGatewayBound(Resource vs) {
    return gatewayRefs(vs).stream().anyMatch(r -> !r.isMesh());
  }

  // ---- services ----

  List<ServiceDef> services() {
    return topology.map(Topology::services).orElse(List.of());
  }

  /** Services whose FQDN the (resolved) host pattern covers; a wildcard may match several. */
  List<ServiceDef> servicesMatching(String resolvedHost) {
    List<ServiceDef> found = new ArrayList<>();
    for (ServiceDef s : services()) {
      if (HostNames.matches(resolvedHost, s.fqdn())) {
        found.add(s);
      }
    }
    return found;
  }

  /** A short list of known services for hints: {@code reviews.default, ratings.default}. */
  String knownServices() {
    List<String> names = new ArrayList<>();
    for (ServiceDef s : services()) {
      if (names.size() == 8) {
        names.add("...");
        break;
      }
      names.add(s.name() + "." + s.namespace());
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  /** The {@code host} of every DestinationRule, resolved in the rule's namespace. */
  static String drHost(Resource dr) {
    return YamlReads.text(dr.spec(), "host").map(h -> HostNames.resolve(h, dr.namespace())).orElse("");
  }

  /** All VirtualService {@code http} rules, with the rule index. */
  static List<YamlReads.Indexed> httpRules(Resource vs) {
    return YamlReads.indexed(vs.spec(), "http");
  }
}
