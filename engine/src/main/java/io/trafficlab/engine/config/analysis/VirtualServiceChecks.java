package io.trafficlab.engine.config.analysis;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.delegation.Delegation;
import io.trafficlab.engine.config.delegation.HttpRule;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.core.topology.HostNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Single-VirtualService findings and the mesh host conflict: IST0109 (Istio's
 * conflictingmeshgatewayhosts.go), IST0002 deprecated fields (Istio's deprecation.go), TL3101 header
 * key case, TL3102 weight on a lone destination, TL3103 no catch-all rule (among the rules routing
 * runs, delegation merged in).
 */
final class VirtualServiceChecks {
  private VirtualServiceChecks() {}

  static void run(AnalysisContext ctx) {
    checkMeshHostConflicts(ctx);
    for (Resource vs : ctx.config().virtualServices()) {
      checkDeprecatedFields(ctx, vs);
      checkHeaderKeys(ctx, vs);
      checkLoneWeights(ctx, vs);
      checkCatchAll(ctx, vs);
    }
  }

  /** IST0109: at sidecars one VirtualService per host is used; several for one host conflict. */
  private static void checkMeshHostConflicts(AnalysisContext ctx) {
    Map<String, Set<Resource>> byHost = new LinkedHashMap<>();
    for (Resource vs : ctx.config().virtualServices()) {
      if (!AnalysisContext.isMeshBound(vs)) {
        continue;
      }
      for (YamlScalar h : YamlReads.scalars(vs.spec(), "hosts")) {
        byHost.computeIfAbsent(HostNames.resolve(h.value(), vs.namespace()),
            k -> new LinkedHashSet<>()).add(vs);
      }
    }
    Set<Resource> reported = new LinkedHashSet<>();
    byHost.forEach((host, list) -> {
      if (list.size() < 2) {
        return;
      }
      List<String> names = list.stream().map(r -> r.namespace() + "/" + r.name()).toList();
      for (Resource vs : list) {
        if (!reported.add(vs)) {
          continue;
        }
        YamlNode at = YamlReads.map(vs.root(), "metadata").map(m -> m.get("name")).orElse(vs.root());
        ctx.report(DiagnosticCode.IST0109, at, vs,
            "sidecars use only one of these VirtualServices for " + host + " and which one is "
                + "undefined; put all their rules into one VirtualService",
            String.join(",", names), host);
      }
    });
  }

  /**
   * IST0002: {@code fault.delay.percent} (an integer) still works but is
   * deprecated; Istio's webhook accepts it silently and {@code istioctl analyze} reports it.
   */
  private static void checkDeprecatedFields(AnalysisContext ctx, Resource vs) {
    for (YamlReads.Indexed rule : AnalysisContext.httpRules(vs)) {
      Optional<YamlMap> delay = YamlReads.map(rule.node(), "fault").flatMap(f -> YamlReads.map(f, "delay"));
      Optional<Long> percent = delay.flatMap(d -> YamlReads.integer(d, "percent"));
      if (percent.isPresent() && percent.get() > 0) {
        ctx.report(DiagnosticCode.IST0002, delay.get().entry("percent").orElseThrow().key(), vs,
            "write percentage: {value: " + percent.get() + "} instead (a double, so 0.5 works too)",
            "HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage");
      }
    }
  }

  /** TL3101: header match keys with capitals. */
  private static void checkHeaderKeys(AnalysisContext ctx, Resource vs) {
    for (YamlReads.Indexed rule : AnalysisContext.httpRules(vs)) {
      for (YamlMap match : YamlReads.maps(rule.node(), "match")) {
        for (String field : List.of("headers", "withoutHeaders")) {
          Optional<YamlMap> headers = YamlReads.map(match, field);
          if (headers.isEmpty()) {
            continue;
          }
          for (YamlMap.Entry e : headers.get().entries()) {
            String lower = e.name().toLowerCase(Locale.ROOT);
            if (!lower.equals(e.name())) {
              ctx.report(DiagnosticCode.TL3101, e.key(), vs,
                  "write `" + lower + ":` as the API documents. Header names are case-insensitive: "
                      + "Envoy lower-cases the names it reads and the names you configure, so `"
                      + e.name() + "` matches a request header `" + lower + "` on a real proxy too",
                  q(e.name()), q(lower));
            }
          }
        }
      }
    }
  }

  /** TL3102: a weight on the only destination of a route does nothing. */
  private static void checkLoneWeights(AnalysisContext ctx, Resource vs) {
    for (String section : List.of("http", "tcp", "tls")) {
      for (YamlReads.Indexed rule : YamlReads.indexed(vs.spec(), section)) {
        List<YamlMap> routes = YamlReads.maps(rule.node(), "route");
        if (routes.size() != 1) {
          continue;
        }
        Optional<YamlScalar> weight = YamlReads.scalar(routes.get(0), "weight");
        if (weight.isPresent() && !weight.get().value().equals("100")) {
          ctx.report(DiagnosticCode.TL3102, weight.get(), vs,
              "to split traffic, list several destinations with weights (e.g. 90 and 10); to send "
                  + "all traffic to this one, drop the weight",
              weight.get().value());
        }
      }
    }
  }

  /** TL3103: a mesh VirtualService whose every rule has a match leaves other requests with 404. */
  private static void checkCatchAll(AnalysisContext ctx, Resource vs) {
    List<YamlReads.Indexed> rules = AnalysisContext.httpRules(vs);
    List<YamlScalar> hosts = YamlReads.scalars(vs.spec(), "hosts");
    if (rules.isEmpty() || hosts.isEmpty() || !AnalysisContext.isMeshBound(vs)) {
      return;
    }
    if (ctx.topology().isPresent() && hosts.stream().noneMatch(
        h -> !ctx.servicesMatching(HostNames.resolve(h.value(), vs.namespace())).isEmpty())) {
      return;
    }
    // The rules routing runs: a rule with delegate is a catch-all only when a merged rule is one.
    // A rule whose delegate cannot be used counts as written: TL3105-TL3107 already report it.
    Delegation.Expansion effective = ctx.delegation().expand(vs);
    for (HttpRule rule : effective.rules()) {
      if (rule.matches().isEmpty()
          || rule.matches().stream().anyMatch(m -> isCatchAllMatch(m.node()))) {
        return;
      }
    }
    for (Delegation.Unresolved u : effective.unresolved()) {
      if (isCatchAll(u.rule().node())) {
        return;
      }
    }
    List<String> names = new ArrayList<>();
    hosts.forEach(h -> names.add(h.value()));
    YamlNode at = vs.spec().get("http");
    ctx.report(DiagnosticCode.TL3103, at, vs,
        "once a VirtualService covers a host, its rules are the only routes; add a last rule "
            + "without match (a default route) if other requests should still reach the service",
        String.join(", ", names));
  }

  static boolean isCatchAll(YamlMap rule) {
    List<YamlReads.Indexed> matches = YamlReads.indexed(rule, "match");
    if (matches.isEmpty()) {
      return true;
    }
    for (YamlReads.Indexed m : matches) {
      if (isCatchAllMatch(m.node())) {
        return true;
      }
    }
    return false;
  }

  /** A match block without conditions, or with only {@code uri: {prefix: /}}. */
  private static boolean isCatchAllMatch(YamlMap match) {
    int conditions = match.size() - (match.has("name") ? 1 : 0);
    if (conditions == 0) {
      return true;
    }
    Optional<String> prefix = YamlReads.map(match, "uri").filter(u -> u.size() == 1)
        .flatMap(u -> YamlReads.scalar(u, "prefix")).map(YamlScalar::value);
    return conditions == 1 && prefix.isPresent() && (prefix.get().equals("/") || prefix.get().isEmpty());
  }
}
