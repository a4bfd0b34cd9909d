package io.trafficlab.engine.config.analysis;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.core.topology.GatewayWorkload;
import io.trafficlab.engine.core.topology.HostNames;
import io.trafficlab.engine.core.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gateways and the VirtualServices bound to them (Istio's virtualservice/gateways.go and
 * gateway/{gateway,conflictinggateway}.go): IST0101 gateway / selector, IST0132, IST0145.
 */
final class GatewayChecks {
  private GatewayChecks() {}

  static void run(AnalysisContext ctx) {
    for (Resource vs : ctx.config().virtualServices()) {
      checkReferences(ctx, vs);
    }
    for (Resource gw : ctx.config().gateways()) {
      checkSelector(ctx, gw);
      checkSomethingBound(ctx, gw);
    }
    checkConflicts(ctx);
  }

  private static void checkReferences(AnalysisContext ctx, Resource vs) {
    for (AnalysisContext.GatewayRef ref : AnalysisContext.gatewayRefs(vs)) {
      if (ref.isMesh()) {
        continue;
      }
      Optional<Resource> gw = ctx.gateway(ref.qualified());
      if (gw.isEmpty()) {
        ctx.report(DiagnosticCode.IST0101, ref.node(), vs,
            "no Gateway " + ref.qualified() + " in this configuration, so the VirtualService is not "
                + "served by any gateway" + knownGateways(ctx)
                + ". A bare name means a Gateway in the VirtualService's namespace; use ns/name "
                + "for another namespace",
            "gateway", q(ref.written()));
        continue;
      }
      // Deliberately no IST0132 for a missing gateway (istioctl reports both): the host finding
      // would only repeat that the gateway is missing.
      checkHostsInGateway(ctx, vs, ref, gw.get());
    }
  }

  private static String knownGateways(AnalysisContext ctx) {
    List<String> names = new ArrayList<>();
    for (Resource g : ctx.config().gateways()) {
      names.add(g.namespace() + "/" + g.name());
    }
    return names.isEmpty() ? "" : " (Gateways defined: " + String.join(", ", names) + ")";
  }

  /** IST0132: none of the VirtualService's hosts is among the gateway's (namespace-filtered) hosts. */
  private static void checkHostsInGateway(AnalysisContext ctx, Resource vs,
      AnalysisContext.GatewayRef ref, Resource gw) {
    List<YamlScalar> vsHosts = YamlReads.scalars(vs.spec(), "hosts");
    if (vsHosts.isEmpty()) {
      return;
    }
    List<String> gwHosts = new ArrayList<>();
    for (YamlMap server : YamlReads.maps(gw.spec(), "servers")) {
      for (YamlScalar h : YamlReads.scalars(server, "hosts")) {
        hostVisibleTo(h.value(), gw.namespace(), vs.namespace()).ifPresent(gwHosts::add);
      }
    }
    for (String gh : gwHosts) {
      for (YamlScalar vh : vsHosts) {
        if (HostNames.intersection(gh, HostNames.resolve(vh.value(), vs.namespace())) != null) {
          return;
        }
      }
    }
    List<String> written = vsHosts.stream().map(YamlScalar::value).toList();
    ctx.report(DiagnosticCode.IST0132, ref.node(), vs,
        "the servers of " + gw.ref() + " accept hosts " + (gwHosts.isEmpty() ? "none (for namespace "
            + vs.namespace() + ")" : String.join(", ", new LinkedHashSet<>(gwHosts)))
            + "; requests through it for " + String.join(", ", written)
            + " get 404 (NR). Make a VirtualService host match a Gateway host",
        "[" + String.join(" ", written) + "]", vs.namespace() + "/" + vs.name(),
        gw.namespace() + "/" + gw.name());
  }

  /**
   * The DNS part of a Gateway server host when its namespace part admits VirtualServices of
   * {@code vsNamespace}: {@code *}/none = any, {@code .} = the Gateway's own namespace.
   */
  static Optional<String> hostVisibleTo(String serverHost, String gwNamespace, String vsNamespace) {
    int slash = serverHost.indexOf('/');
    if (slash < 0) {
      return Optional.of(serverHost);
    }
    String ns = serverHost.substring(0, slash);
    String dns = serverHost.substring(slash + 1);
    if (ns.equals("*") || ns.equals(vsNamespace) || (ns.equals(".") && gwNamespace.equals(vsNamespace))) {
      return Optional.of(dns);
    }
    return Optional.empty();
  }

  private static String dnsPart(String serverHost) {
    int slash = serverHost.indexOf('/');
    return slash < 0 ? serverHost : serverHost.substring(slash + 1);
  }

  /**
   * TL3104: a Gateway that no VirtualService names serves only 404s. Only said when the config has
   * VirtualServices at all (a Gateway validated alone may be bound elsewhere), and not while a
   * VirtualService names a Gateway that does not exist: that reference was most likely meant for
   * this one (a typo, a wrong namespace), and its IST0101, which lists the Gateways defined, already
   * says so. One mistake, one finding.
   */
  private static void checkSomethingBound(AnalysisContext ctx, Resource gw) {
    List<Resource> all = ctx.config().virtualServices();
    if (all.isEmpty()) {
      return;
    }
    String qualified = gw.namespace() + "/" + gw.name();
    for (Resource vs : all) {
      if (AnalysisContext.gatewayRefs(vs).stream().anyMatch(r -> r.qualified().equals(qualified)
          || (!r.isMesh() && ctx.gateway(r.qualified()).isEmpty()))) {
        return;
      }
    }
    YamlNode at = YamlReads.map(gw.root(), "metadata").map(m -> m.get("name")).orElse(gw.root());
    String ns = all.get(0).namespace().equals(gw.namespace()) ? gw.name() : qualified;
    ctx.report(DiagnosticCode.TL3104, at, gw,
        "a VirtualService without `gateways` applies to sidecars only; add `gateways: [" + ns
            + "]` to the VirtualService that should serve this Gateway's hosts",
        qualified);
  }

  /** IST0101 selector: with a topology, a non-empty selector must match some gateway workload. */
  private static void checkSelector(AnalysisContext ctx, Resource gw) {
    if (ctx.topology().isEmpty()) {
      return;
    }
    Map<String, String> selector = YamlReads.stringMap(gw.spec(), "selector");
    if (selector.isEmpty()) {
      return;
    }
    Topology topo = ctx.topology().get();
    for (GatewayWorkload w : topo.gateways()) {
      if (selector.entrySet().stream().allMatch(e -> e.getValue().equals(w.labels().get(e.getKey())))) {
        return;
      }
    }
    List<String> pods = new ArrayList<>();
    for (GatewayWorkload w : topo.gateways()) {
      pods.add(w.name() + " (" + Canonical.selector(w.labels()) + ")");
    }
    YamlNode at = gw.spec().get("selector");
    ctx.report(DiagnosticCode.IST0101, at, gw,
        "no gateway pod has these labels, so no gateway serves this Gateway's servers; gateway pods: "
            + (pods.isEmpty() ? "none" : String.join(", ", pods)),
        "selector", q(Canonical.selector(selector)));
  }

  private record Server(Resource gw, YamlMap node, String selector, String port, List<String> hosts) {}

  /** IST0145: two Gateways with the same selector and port whose server hosts overlap. */
  private static void checkConflicts(AnalysisContext ctx) {
    List<Server> servers = new ArrayList<>();
    for (Resource gw : ctx.config().gateways()) {
      String selector = Canonical.selector(YamlReads.stringMap(gw.spec(), "selector"));
      for (YamlMap s : YamlReads.maps(gw.spec(), "servers")) {
        Optional<String> port = YamlReads.map(s, "port").flatMap(p -> YamlReads.text(p, "number"));
        if (port.isEmpty()) {
          continue;
        }
        List<String> hosts = YamlReads.scalars(s, "hosts").stream().map(YamlScalar::value).toList();
        servers.add(new Server(gw, s, selector, port.get(), hosts));
      }
    }
    for (Server a : servers) {
      Set<String> conflicting = new LinkedHashSet<>();
      for (Server b : servers) {
        if (b.gw() != a.gw() && b.selector().equals(a.selector()) && b.port().equals(a.port())
            && overlap(a.hosts(), b.hosts())) {
          conflicting.add(b.gw().namespace() + "/" + b.gw().name());
        }
      }
      if (!conflicting.isEmpty()) {
        YamlNode at = a.node().get("port") != null ? a.node().get("port") : a.node();
        ctx.report(DiagnosticCode.IST0145, at, a.gw(),
            "both Gateways put the same hosts on port " + a.port() + " of the same gateway pods; "
                + "only one server is kept, so requests may reach the other Gateway's routes. "
                + "Merge them into one Gateway or give them distinct hosts",
            String.join(",", conflicting), a.selector(), a.port(), String.join(",", a.hosts()));
      }
    }
  }

  private static boolean overlap(List<String> a, List<String> b) {
    for (String x : a) {
      for (String y : b) {
        if (HostNames.intersection(dnsPart(x), dnsPart(y)) != null) {
          return true;
        }
      }
    }
    return false;
  }
}
