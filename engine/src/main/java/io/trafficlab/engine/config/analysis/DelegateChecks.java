package io.trafficlab.engine.config.analysis;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.delegation.Delegation;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * VirtualService delegation: what pilot's {@code mergeVirtualServicesIfNeeded} and
 * {@code mergeHTTPRoute} silently drop, which {@code istioctl analyze} does not report (it has no
 * delegate analyzer; pilot only logs a warning). TL3105 delegate not found, TL3106 the VirtualService
 * named has hosts, TL3107 not exported to the root's namespace, TL3108 a delegate rule left out of
 * the merge, TL3109 a delegate no root uses.
 */
final class DelegateChecks {
  private DelegateChecks() {}

  private static final String MATCH_RULES = "Istio merges a delegate rule only when each of its "
      + "match blocks narrows a block of the root rule: a uri exact or prefix under the root's "
      + "prefix (or equal to its exact), the root's header and query values, and the same port, "
      + "ignoreUriCase and sourceNamespace; a regex on either side never merges. Requests meant for "
      + "this rule go on to the next one";

  static void run(AnalysisContext ctx) {
    Delegation delegation = ctx.delegation();
    Set<String> referenced = new HashSet<>();
    boolean missing = false;
    boolean routing = false;
    for (Resource vs : ctx.config().virtualServices()) {
      if (Delegation.isDelegate(vs)) {
        continue;
      }
      routing = true;
      for (YamlReads.Indexed rule : AnalysisContext.httpRules(vs)) {
        Delegation.target(vs, rule.node()).ifPresent(referenced::add);
      }
      Delegation.Expansion e = delegation.expand(vs);
      for (Delegation.Unresolved u : e.unresolved()) {
        missing |= u.reason() == Delegation.Reason.NOT_FOUND;
        unresolved(ctx, delegation, u);
      }
      for (Delegation.Dropped d : e.dropped()) {
        dropped(ctx, d);
      }
    }
    // A config of delegates alone may be used by roots submitted elsewhere; and while some root
    // names a delegate that does not exist, that reference most likely meant one of these (its
    // TL3105 lists them): one mistake, one finding.
    if (!routing || missing) {
      return;
    }
    for (Resource d : delegation.delegates()) {
      if (!referenced.contains(d.namespace() + "/" + d.name())) {
        YamlNode at = YamlReads.map(d.root(), "metadata").map(m -> m.get("name")).orElse(d.root());
        ctx.report(DiagnosticCode.TL3109, at, d,
            "add hosts (and gateways) if it should route on its own, or hand requests to it from "
                + "a rule of the VirtualService that owns the host: delegate: {name: " + d.name()
                + ", namespace: " + d.namespace() + "}");
      }
    }
  }

  private static void unresolved(AnalysisContext ctx, Delegation delegation,
      Delegation.Unresolved u) {
    YamlMap ref = YamlReads.map(u.rule().node(), "delegate").orElseThrow();
    YamlNode key = u.rule().node().entry("delegate").orElseThrow().key();
    YamlNode at = ref.has("name") ? ref.get("name") : key;
    String rule = RuleOrderChecks.routeName(u.rule());
    switch (u.reason()) {
      case NOT_FOUND -> {
        List<String> known = new ArrayList<>();
        for (Resource d : delegation.delegates()) {
          known.add(d.namespace() + "/" + d.name());
        }
        ctx.report(DiagnosticCode.TL3105, at, u.root(),
            "a delegate is a VirtualService without hosts; the namespace defaults to this "
                + "VirtualService's (" + u.root().namespace() + "). Delegates in this config: "
                + (known.isEmpty() ? "none" : String.join(", ", known.subList(0,
                    Math.min(8, known.size()))) + (known.size() > 8 ? ", ..." : "")),
            q(u.target()), rule);
      }
      case NOT_A_DELEGATE -> ctx.report(DiagnosticCode.TL3106, at, u.root(),
          "a delegate has no hosts and no gateways: remove them from " + u.target()
              + " to route this rule's requests with its rules, or name another VirtualService",
          q(u.target()), rule);
      case NOT_EXPORTED -> {
        Resource d = u.found().orElseThrow();
        ctx.report(DiagnosticCode.TL3107, key, u.root(),
            "add \"" + u.root().namespace() + "\" (or \"*\") to the exportTo of " + u.target(),
            q(u.target()), u.root().namespace(), Delegation.exportTo(d), rule);
      }
      default -> throw new IllegalStateException(u.reason().name());
    }
  }

  /** TL3108 at the delegate rule's conflicting match block (the rule itself past the budget). */
  private static void dropped(AnalysisContext ctx, Delegation.Dropped d) {
    String where = d.root().ref() + " http[" + d.rootRule() + "]";
    String rule = RuleOrderChecks.routeName(d.rule());
    if (d.match() < 0) {
      ctx.report(DiagnosticCode.TL3108, d.rule().node(), d.delegate(),
          "give the root rule or the delegate rules fewer match blocks", rule, where, d.reason());
      return;
    }
    List<YamlReads.Indexed> matches = YamlReads.indexed(d.rule().node(), "match");
    YamlMap at = matches.stream().filter(m -> m.index() == d.match()).findFirst()
        .map(YamlReads.Indexed::node).orElse(d.rule().node());
    String match = YamlReads.text(at, "name").map(n -> "\"" + n + "\"").orElse("#" + d.match());
    ctx.report(DiagnosticCode.TL3108, at, d.delegate(), MATCH_RULES, rule, where,
        "its match " + match + " narrows no match of that rule (" + d.reason() + ")");
  }
}
