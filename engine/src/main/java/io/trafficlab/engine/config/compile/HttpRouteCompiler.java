package io.trafficlab.engine.config.compile;

import io.trafficlab.engine.config.delegation.Delegation;
import io.trafficlab.engine.config.delegation.HttpRule;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.core.policy.RoutePolicy;
import io.trafficlab.engine.core.route.Cluster;
import io.trafficlab.engine.core.route.DirectAction;
import io.trafficlab.engine.core.route.Explanation;
import io.trafficlab.engine.core.route.ForwardAction;
import io.trafficlab.engine.core.route.HeaderOp;
import io.trafficlab.engine.core.route.MatchBlock;
import io.trafficlab.engine.core.route.RedirectAction;
import io.trafficlab.engine.core.route.RouteAction;
import io.trafficlab.engine.core.route.RouteDecision;
import io.trafficlab.engine.core.route.RouteEntry;
import io.trafficlab.engine.core.route.SourceFilter;
import io.trafficlab.engine.core.route.StringMatcher;
import io.trafficlab.engine.core.route.UriRewrite;
import io.trafficlab.engine.core.topology.HostNames;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.Topology;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles the {@code http} rules of one VirtualService for one proxy context (Istio
 * {@code BuildHTTPRoutesForVirtualService} + {@code TranslateRoute}): one route per match block,
 * blocks the proxy cannot see dropped ({@code port}, {@code gateways}, and at gateways
 * {@code sourceLabels}/{@code sourceNamespace}), emission stopped after the first catch-all. The
 * rules are the effective ones, delegation already merged in ({@link Delegation}), as pilot merges
 * VirtualServices before it builds routes.
 */
final class HttpRouteCompiler {

  /** Redirect codes Istio translates; others drop the action (route.go). */
  private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);

  /**
   * The proxy the routes are generated for.
   *
   * @param gatewayName {@code ns/name} of the Gateway, null for sidecars
   * @param workloadLabels the gateway workload's labels (sidecars: evaluated per request)
   */
  record Context(String listener, String virtualHost, int listenerPort, boolean mesh,
      String gatewayName, Map<String, String> workloadLabels, String workloadNamespace) {}

  private final Topology topology;
  private final ClusterTable clusters;
  private final Delegation delegation;

  HttpRouteCompiler(Topology topology, ClusterTable clusters, Delegation delegation) {
    this.topology = topology;
    this.clusters = clusters;
    this.delegation = delegation;
  }

  /**
   * The routes of {@code vs} for one virtual host, from its effective rules: rules with
   * {@code delegate} are replaced by their delegate's rules merged into them ({@link Delegation}).
   */
  List<RouteEntry> compile(Resource vs, Context ctx) {
    List<RouteEntry> out = new ArrayList<>();
    for (HttpRule rule : delegation.rules(vs)) {
      List<HttpRule.Match> matches = rule.matches();
      if (matches.isEmpty()) {
        RouteEntry e = entry(rule, null, ctx);
        if (e != null) {
          out.add(e);
        }
        break; // a rule without match is a catch-all: nothing after it is reachable
      }
      boolean catchAll = false;
      for (HttpRule.Match match : matches) {
        RouteEntry e = entry(rule, match, ctx);
        if (e != null) {
          out.add(e);
          if (e.filter() == null && e.isCatchAll()) {
            catchAll = true;
            break;
          }
        }
      }
      if (catchAll) {
        break;
      }
    }
    return out;
  }

  /** The default route of a service without a VirtualService: all endpoints, default policy. */
  RouteEntry defaultRoute(ServiceDef service, int port, Context ctx) {
    String name = Cluster.nameOf(port, null, service.fqdn());
    Cluster c = clusters.get(name);
    String label = "default route (no VirtualService for this host) → "
        + service.name() + "." + service.namespace() + portSuffix(service, port);
    ForwardAction.Target t = new ForwardAction.Target(c, name, 1, List.of(), List.of(),
        new Explanation(ctx.listener(), ctx.virtualHost(), label));
    return new RouteEntry(MatchBlock.ANY, null,
        new ForwardAction(List.of(t), UriRewrite.NONE, null, List.of(), RoutePolicy.DEFAULT));
  }

  private RouteEntry entry(HttpRule rule, HttpRule.Match match, Context ctx) {
    MatchBlock block = MatchBlock.ANY;
    SourceFilter filter = null;
    if (match != null) {
      YamlMap m = match.node();
      Optional<Long> port = YamlReads.lenientInteger(m, "port");
      if (port.isPresent() && port.get() != ctx.listenerPort()) {
        return null;
      }
      List<String> gateways = match.gateways();
      Map<String, String> sourceLabels = YamlReads.stringMap(m, "sourceLabels");
      String sourceNamespace = YamlReads.string(m, "sourceNamespace").orElse(null);
      if (!gateways.isEmpty()) {
        if (!gateways.contains(ctx.mesh() ? RouteCompiler.MESH : ctx.gatewayName())) {
          return null;
        }
      } else if (!sourceLabels.isEmpty() || sourceNamespace != null) {
        SourceFilter f = new SourceFilter(sourceLabels, sourceNamespace);
        if (ctx.mesh()) {
          filter = f;
        } else if (!f.admits(ctx.workloadNamespace(), ctx.workloadLabels())) {
          return null;
        }
      }
      Optional<MatchBlock> compiled = MatchCompiler.compile(m);
      if (compiled.isEmpty()) {
        return null;
      }
      block = compiled.get();
    }
    RouteAction action = action(rule, rule.label(match), block, ctx);
    return action == null ? null : new RouteEntry(block, filter, action);
  }

  private RouteAction action(HttpRule httpRule, String label, MatchBlock block, Context ctx) {
    YamlMap rule = httpRule.fields();
    Optional<YamlMap> redirect = rule.map("redirect");
    if (redirect.isPresent()) {
      return redirect(redirect.get(), label, ctx);
    }
    Optional<YamlMap> direct = rule.map("directResponse");
    if (direct.isPresent()) {
      int status = YamlReads.lenientInteger(direct.get(), "status").orElse(200L).intValue();
      String body = YamlReads.map(direct.get(), "body").map(HttpRouteCompiler::body).orElse("");
      List<HeaderOp> responseOps = new ArrayList<>();
      headerOps(YamlReads.map(rule, "headers").orElse(null), "response", responseOps, null);
      return new DirectAction(status, body, responseOps,
          new Explanation(ctx.listener(), ctx.virtualHost(), label + " → direct response " + status));
    }
    List<YamlMap> destinations = YamlReads.maps(rule, "route");
    if (destinations.isEmpty()) {
      // A rule with an unresolved delegate never gets here (Delegation drops it); this is a
      // malformed rule the webhook rejected: nothing Envoy could serve.
      return null;
    }
    return forward(httpRule, block, destinations, label, ctx);
  }

  private RouteAction redirect(YamlMap r, String label, Context ctx) {
    int code = YamlReads.lenientInteger(r, "redirectCode").orElse(301L).intValue();
    if (!REDIRECT_CODES.contains(code)) {
      return null;
    }
    RedirectAction.PortMode mode = RedirectAction.PortMode.KEEP;
    int port = 0;
    Optional<Long> explicit = YamlReads.lenientInteger(r, "port");
    Optional<String> derive = YamlReads.string(r, "derivePort");
    if (explicit.isPresent()) {
      mode = RedirectAction.PortMode.EXPLICIT;
      port = explicit.get().intValue();
    } else if (derive.isPresent() && derive.get().equals("FROM_REQUEST_PORT")) {
      // Envoy cannot derive a port; Istio writes the listener port the route is generated for.
      mode = RedirectAction.PortMode.EXPLICIT;
      port = ctx.listenerPort();
    } else if (derive.isPresent()) {
      mode = RedirectAction.PortMode.PROTOCOL_DEFAULT;
    }
    return new RedirectAction(code, YamlReads.string(r, "scheme").orElse(null),
        YamlReads.string(r, "authority").orElse(null), YamlReads.string(r, "uri").orElse(null), mode, port,
        new Explanation(ctx.listener(), ctx.virtualHost(), label + " → redirect " + code));
  }

  private RouteAction forward(HttpRule httpRule, MatchBlock block, List<YamlMap> destinations,
      String label, Context ctx) {
    YamlMap rule = httpRule.fields();
    YamlMap headers = YamlReads.map(rule, "headers").orElse(null);
    List<HeaderOp> ruleRequest = new ArrayList<>();
    List<HeaderOp> ruleResponse = new ArrayList<>();
    String[] authority = new String[1];
    headerOps(headers, "request", ruleRequest, authority);
    headerOps(headers, "response", ruleResponse, null);

    List<YamlMap> kept = new ArrayList<>();
    long total = 0;
    for (YamlMap d : destinations) {
      long w = YamlReads.lenientInteger(d, "weight").orElse(0L);
      if (destinations.size() == 1 || w > 0) {
        kept.add(d);
        total += destinations.size() == 1 ? 1 : w;
      }
    }
    if (kept.isEmpty()) {
      kept.add(destinations.get(0)); // all weights 0 was rejected by validation; be safe anyway
      total = 1;
    }
    List<ForwardAction.Target> targets = new ArrayList<>();
    for (YamlMap d : kept) {
      YamlMap dest = YamlReads.map(d, "destination").orElse(null);
      Resolved r = resolve(dest, httpRule.namespaceOf("route"), ctx.listenerPort());
      int weight = kept.size() == 1 ? 1 : YamlReads.lenientInteger(d, "weight").orElse(0L).intValue();
      List<HeaderOp> request = new ArrayList<>(ruleRequest);
      List<HeaderOp> response = new ArrayList<>(ruleResponse);
      YamlMap destHeaders = YamlReads.map(d, "headers").orElse(null);
      headerOps(destHeaders, "request", request, authority);
      headerOps(destHeaders, "response", response, null);
      String text = label + " → " + r.label
          + (kept.size() > 1 ? " (weight " + weight + "/" + total + ")" : "");
      targets.add(new ForwardAction.Target(clusters.get(r.clusterName), r.clusterName, weight,
          request, response, new Explanation(ctx.listener(), ctx.virtualHost(), text)));
    }
    Optional<YamlMap> rewrite = rule.map("rewrite");
    UriRewrite uriRewrite = rewrite.map(rw -> uriRewrite(rw, block)).orElse(UriRewrite.NONE);
    String authorityRewrite = rewrite.flatMap(rw -> rw.string("authority")).orElse(authority[0]);
    return new ForwardAction(targets, uriRewrite, authorityRewrite, mirrors(httpRule, ctx),
        PolicyCompiler.route(rule));
  }

  private static UriRewrite uriRewrite(YamlMap rw, MatchBlock block) {
    Optional<YamlMap> regex = rw.map("uriRegexRewrite");
    if (regex.isPresent()) {
      Optional<String> m = regex.get().string("match");
      if (m.isPresent()) {
        try {
          return UriRewrite.regex(m.get(), regex.get().string("rewrite").orElse(""));
        } catch (RuntimeException badRegex) {
          return UriRewrite.NONE;
        }
      }
    }
    Optional<String> uri = rw.string("uri");
    if (uri.isEmpty()) {
      return UriRewrite.NONE;
    }
    StringMatcher m = block.uri();
    if (m == null) {
      return UriRewrite.prefix(uri.get(), 1); // Envoy's route prefix is "/"
    }
    return m.kind() == StringMatcher.Kind.PREFIX
        ? UriRewrite.prefix(uri.get(), m.value().length())
        : UriRewrite.full(uri.get());
  }

  private List<RouteDecision.Mirror> mirrors(HttpRule httpRule, Context ctx) {
    YamlMap rule = httpRule.fields();
    List<RouteDecision.Mirror> out = new ArrayList<>();
    Optional<YamlMap> single = rule.map("mirror");
    if (single.isPresent()) {
      double pct = YamlReads.map(rule, "mirrorPercentage").flatMap(p -> YamlReads.number(p, "value"))
          .or(() -> YamlReads.number(rule, "mirrorPercent"))
          .or(() -> YamlReads.number(rule, "mirror_percent"))
          .orElse(100.0);
      addMirror(single.get(), pct, httpRule.namespaceOf("mirror"), ctx, out);
    }
    for (YamlMap m : YamlReads.maps(rule, "mirrors")) {
      double pct = YamlReads.map(m, "percentage").flatMap(p -> YamlReads.number(p, "value")).orElse(100.0);
      YamlReads.map(m, "destination")
          .ifPresent(d -> addMirror(d, pct, httpRule.namespaceOf("mirrors"), ctx, out));
    }
    return out;
  }

  private void addMirror(YamlMap dest, double pct, String namespace, Context ctx,
      List<RouteDecision.Mirror> out) {
    Cluster c = clusters.get(resolve(dest, namespace, ctx.listenerPort()).clusterName);
    // Istio does not validate mirror clusters; a missing one silently mirrors nothing.
    if (c != null && pct > 0) {
      out.add(new RouteDecision.Mirror(c, Math.min(100.0, pct)));
    }
  }

  private record Resolved(String clusterName, String label) {}

  /**
   * The cluster of a destination: host resolved in the VirtualService namespace; port as written,
   * else the service's only port, else the listener port.
   */
  private Resolved resolve(YamlMap dest, String namespace, int listenerPort) {
    String host = HostNames.resolve(YamlReads.string(dest, "host").orElse(""), namespace);
    String subset = YamlReads.string(dest, "subset").orElse(null);
    Optional<Long> explicit = YamlReads.map(dest, "port").flatMap(p -> YamlReads.lenientInteger(p, "number"));
    Optional<ServiceDef> service = topology.serviceByFqdn(host);
    int port;
    if (explicit.isPresent()) {
      port = explicit.get().intValue();
    } else if (service.isPresent() && service.get().ports().size() == 1) {
      port = service.get().ports().get(0).number();
    } else {
      port = listenerPort;
    }
    String label = service.map(s -> s.name() + "." + s.namespace() + portSuffix(s, port))
        .orElse(host + ":" + port) + (subset == null ? "" : " " + subset);
    return new Resolved(Cluster.nameOf(port, subset, host), label);
  }

  private static String portSuffix(ServiceDef s, int port) {
    return s.ports().size() == 1 && s.ports().get(0).number() == port ? "" : ":" + port;
  }

  /**
   * Appends one side's operations: removals, then sets, then adds. A request {@code set}/{@code add}
   * of {@code host} or {@code :authority} is an authority rewrite, written to {@code authority[0]}.
   */
  private static void headerOps(YamlMap headers, String side, List<HeaderOp> out,
      String[] authority) {
    YamlMap m = YamlReads.map(headers, side).orElse(null);
    if (m == null) {
      return;
    }
    for (String name : YamlReads.strings(m, "remove")) {
      out.add(HeaderOp.remove(name.toLowerCase(Locale.ROOT)));
    }
    YamlReads.stringMap(m, "set").forEach((k, v) -> op(HeaderOp.Kind.SET, k, v, out, authority));
    YamlReads.stringMap(m, "add").forEach((k, v) -> op(HeaderOp.Kind.ADD, k, v, out, authority));
  }

  private static void op(HeaderOp.Kind kind, String name, String value, List<HeaderOp> out,
      String[] authority) {
    String n = name.toLowerCase(Locale.ROOT);
    if (authority != null && (n.equals("host") || n.equals(":authority"))) {
      authority[0] = value;
      return;
    }
    out.add(new HeaderOp(kind, n, value));
  }

  private static String body(YamlMap body) {
    Optional<String> s = body.string("string");
    if (s.isPresent()) {
      return s.get();
    }
    try {
      return body.string("bytes")
          .map(b -> new String(Base64.getDecoder().decode(b.trim()), StandardCharsets.UTF_8))
          .orElse("");
    } catch (IllegalArgumentException notBase64) {
      return "";
    }
  }
}
