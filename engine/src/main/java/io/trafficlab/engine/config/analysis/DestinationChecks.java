package io.trafficlab.engine.config.analysis;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.core.topology.HostNames;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where VirtualService destinations point (Istio's destinationhosts.go and destinationrules.go):
 * IST0101 host / mirror host / host:port / host+subset, IST0112 and IST0140.
 */
final class DestinationChecks {
  private DestinationChecks() {}

  static void run(AnalysisContext ctx) {
    for (Resource vs : ctx.config().virtualServices()) {
      for (Destinations.Dest d : Destinations.of(vs)) {
        Optional<YamlScalar> host = d.host();
        if (host.isEmpty()) {
          continue;
        }
        checkHostAndPort(ctx, d, host.get());
        checkSubset(ctx, d, host.get());
      }
      checkIngressBypassesSubsets(ctx, vs);
    }
  }

  /** Host and port exist (only with a topology: without one, any host may exist). */
  private static void checkHostAndPort(AnalysisContext ctx, Destinations.Dest d, YamlScalar host) {
    if (ctx.topology().isEmpty()) {
      return;
    }
    String resolved = d.resolvedHost();
    List<ServiceDef> services = ctx.servicesMatching(resolved);
    if (services.isEmpty()) {
      ctx.report(DiagnosticCode.IST0101, host, d.vs(),
          "no service " + resolved + " exists, so requests routed here get 503 (no cluster); "
              + "known services: " + ctx.knownServices()
              + ". A short name resolves in the VirtualService's namespace (" + d.vs().namespace() + ")",
          d.mirror() ? "mirror host" : "host", q(host.value()));
      return;
    }
    if (services.size() != 1 || HostNames.isWildcard(resolved)) {
      return;
    }
    ServiceDef svc = services.get(0);
    List<Integer> ports = svc.ports().stream().map(ServicePort::number).toList();
    Optional<YamlScalar> port = d.portNumber();
    if (port.isPresent()) {
      Optional<Long> n = port.get().asLong();
      if (n.isPresent() && !ports.isEmpty() && !ports.contains(n.get().intValue())) {
        ctx.report(DiagnosticCode.IST0101, port.get(), d.vs(),
            "service " + svc.name() + "." + svc.namespace() + " exposes port(s) " + portList(ports)
                + "; use one of them",
            "host:port", q(host.value() + ":" + n.get()));
      }
    } else if (ports.size() > 1) {
      ctx.report(DiagnosticCode.IST0112, host, d.vs(),
          "add `port: {number: " + ports.get(0) + "}` to this destination",
          q(host.value()), portList(ports));
    }
  }

  private static String portList(List<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
  }

  /**
   * The subset is defined by a DestinationRule for the host. Reported when a topology is known, or
   * when the config holds a DestinationRule for that host (then the missing subset is certain);
   * a config fragment without either may get its DestinationRule from elsewhere.
   */
  private static void checkSubset(AnalysisContext ctx, Destinations.Dest d, YamlScalar host) {
    Optional<YamlScalar> subset = d.subset();
    if (subset.isEmpty()) {
      return;
    }
    String resolved = d.resolvedHost();
    List<Resource> rules = new ArrayList<>();
    Set<String> defined = new LinkedHashSet<>();
    for (Resource dr : ctx.config().destinationRules()) {
      String drHost = AnalysisContext.drHost(dr);
      if (!drHost.isEmpty() && HostNames.matches(drHost, resolved)) {
        rules.add(dr);
        for (YamlMap s : YamlReads.maps(dr.spec(), "subsets")) {
          YamlReads.text(s, "name").ifPresent(defined::add);
        }
      }
    }
    if (defined.contains(subset.get().value())) {
      return;
    }
    if (ctx.topology().isEmpty() && rules.isEmpty()) {
      return;
    }
    String hint;
    if (rules.isEmpty()) {
      hint = "no DestinationRule defines subsets for host " + host.value()
          + "; add one with `host: " + host.value() + "` and a subset named " + subset.get().value()
          + " (with the pod labels it selects). Until then requests routed here get 503 (NC)";
    } else {
      hint = rules.get(0).ref() + " defines "
          + (defined.isEmpty() ? "no subsets" : "subsets " + String.join(", ", defined))
          + "; add subset " + subset.get().value() + " there or use a defined one. "
          + "Until then requests routed here get 503 (NC)";
    }
    ctx.report(DiagnosticCode.IST0101, subset.get(), d.vs(), hint,
        d.mirror() ? "mirror+subset in destinationrule" : "host+subset in destinationrule",
        q(host.value() + "+" + subset.get().value()));
  }

  /**
   * IST0140: a gateway-bound VirtualService routes to a host without subset while a mesh
   * VirtualService for that host routes by subset; the subset routing does not apply to ingress
   * traffic (the gateway picks among all pods).
   */
  private static void checkIngressBypassesSubsets(AnalysisContext ctx, Resource vs) {
    if (!AnalysisContext.isGatewayBound(vs)) {
      return;
    }
    for (Destinations.Dest d : Destinations.of(vs)) {
      if (d.mirror() || !d.section().equals("http") || d.subset().isPresent() || d.host().isEmpty()) {
        continue;
      }
      String target = d.resolvedHost();
      for (Resource other : ctx.config().virtualServices()) {
        if (other == vs || !AnalysisContext.isMeshBound(other) || !subsetsHost(other, target)) {
          continue;
        }
        ctx.report(DiagnosticCode.IST0140, d.host().get(), vs,
            "requests through the gateway reach every pod of " + d.host().get().value()
                + ": the subsets chosen by " + other.ref() + " apply to sidecar traffic only. "
                + "Name the subset in this destination too if ingress traffic should follow it",
            other.namespace() + "/" + other.name(), vs.namespace() + "/" + vs.name());
      }
    }
  }

  /** True when {@code vs} has {@code host} among its hosts and routes it to a subset. */
  private static boolean subsetsHost(Resource vs, String host) {
    boolean ownsHost = YamlReads.scalars(vs.spec(), "hosts").stream()
        .anyMatch(h -> HostNames.resolve(h.value(), vs.namespace()).equals(host));
    if (!ownsHost) {
      return false;
    }
    return Destinations.of(vs).stream().anyMatch(d -> !d.mirror() && d.subset().isPresent()
        && d.resolvedHost().equals(host));
  }
}
