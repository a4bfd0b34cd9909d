package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Istio's {@code ValidateDestinationRule}: host, subsets and workload selector (semantics §6). */
final class DestinationRuleChecks {
  private final Findings f;
  private final CommonChecks common;
  private final TrafficPolicyChecks policy;

  DestinationRuleChecks(Findings f) {
    this.f = f;
    this.common = new CommonChecks(f);
    this.policy = new TrafficPolicyChecks(f, common);
  }

  void check(Resource r) {
    YamlMap spec = r.spec();
    String host = YamlReads.str(spec, "host");
    HostRules.wildcardDomain(host).ifPresent(reason -> f.value(spec, "host", DiagnosticCode.TL2019,
        host.isEmpty()
            ? "add host: the service this rule applies to, e.g. host: reviews"
            : "host is one service name (reviews), its FQDN (reviews.default.svc.cluster.local) or a "
                + "wildcard (*.example.com)", q(host), reason));
    policy.topLevel(spec, "trafficPolicy");
    Set<String> names = new HashSet<>();
    for (YamlNode n : YamlReads.list(spec, "subsets")) {
      if (!(n instanceof YamlMap subset)) {
        if (n instanceof YamlScalar s && s.isNull()) {
          f.at(n, DiagnosticCode.TL2022, "remove the empty list item", "subset");
        }
        continue;
      }
      String name = YamlReads.str(subset, "name");
      if (!names.add(name)) {
        f.value(subset, "name", DiagnosticCode.TL2301,
            "give each subset its own name; routes pick a subset by name", name);
      }
      common.subsetName(subset, "name");
      common.labels(subset, "labels");
      policy.topLevel(subset, "trafficPolicy");
    }
    YamlReads.map(spec, "workloadSelector").ifPresent(this::workloadSelector);
  }

  private void workloadSelector(YamlMap sel) {
    Optional<YamlMap> labels = YamlReads.map(sel, "matchLabels");
    if (labels.isEmpty() || labels.get().isEmpty()) {
      f.at(sel, DiagnosticCode.TL2323, "add matchLabels, e.g. matchLabels: {app: reviews}");
      return;
    }
    for (YamlMap.Entry e : labels.get().entries()) {
      String v = e.value() instanceof YamlScalar s ? s.value() : "";
      if (e.name().isEmpty()) {
        f.at(e.key(), DiagnosticCode.TL2322, "write a label key", "empty key", q(e.name() + "=" + v));
      }
      if (e.name().contains("*") || v.contains("*")) {
        f.at(e.key(), DiagnosticCode.TL2322, "write exact label values; selectors have no wildcards",
            "wildcard", q(e.name() + "=" + v));
      }
    }
  }
}
