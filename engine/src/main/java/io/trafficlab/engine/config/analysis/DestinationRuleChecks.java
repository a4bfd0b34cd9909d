package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DestinationRule findings (Istio's destinationrule/{subset,ca-certificates}.go): IST0174 host
 * matching no service and IST0173 subset selecting no pod (both only with a topology), IST0128 and
 * IST0129 TLS without CA.
 */
final class DestinationRuleChecks {
  private DestinationRuleChecks() {}

  static void run(AnalysisContext ctx) {
    for (Resource dr : ctx.config().destinationRules()) {
      checkHostAndSubsets(ctx, dr);
      checkTls(ctx, dr);
    }
  }

  private static void checkHostAndSubsets(AnalysisContext ctx, Resource dr) {
    if (ctx.topology().isEmpty()) {
      return;
    }
    YamlNode hostNode = dr.spec().get("host");
    Optional<String> host = YamlReads.text(dr.spec(), "host");
    if (host.isEmpty()) {
      return;
    }
    String resolved = AnalysisContext.drHost(dr);
    List<ServiceDef> services = ctx.servicesMatching(resolved);
    if (services.isEmpty()) {
      ctx.report(DiagnosticCode.IST0174, hostNode, dr,
          "no service " + resolved + " exists, so this rule applies to nothing; known services: "
              + ctx.knownServices() + ". A short name resolves in the DestinationRule's namespace ("
              + dr.namespace() + ")",
          host.get());
      return;
    }
    List<PodDef> pods = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ServiceDef s : services) {
      for (PodDef p : s.pods()) {
        if (seen.add(p.name())) {
          pods.add(p);
        }
      }
    }
    for (YamlMap subset : YamlReads.maps(dr.spec(), "subsets")) {
      Optional<String> name = YamlReads.text(subset, "name");
      if (name.isEmpty()) {
        continue;
      }
      Map<String, String> labels = YamlReads.stringMap(subset, "labels");
      if (pods.stream().anyMatch(p -> p.matches(labels))) {
        continue;
      }
      Set<String> podLabels = new LinkedHashSet<>();
      pods.forEach(p -> podLabels.add("{" + Canonical.selector(p.labels()) + "}"));
      ctx.report(DiagnosticCode.IST0173, subset.get("name"), dr,
          "no pod of " + host.get() + " has labels {" + Canonical.selector(labels)
              + "}; its pods have " + (podLabels.isEmpty() ? "no pods" : String.join(", ", podLabels))
              + ". Requests routed to this subset get 503 (UH)",
          name.get());
    }
  }

  /** IST0128/IST0129: SIMPLE or MUTUAL origination without a CA does not verify the server. */
  private static void checkTls(AnalysisContext ctx, Resource dr) {
    String drName = dr.namespace() + "/" + dr.name();
    String host = YamlReads.text(dr.spec(), "host").orElse("");
    Optional<YamlMap> policy = YamlReads.map(dr.spec(), "trafficPolicy");
    YamlReads.map(policy.orElse(null), "tls").ifPresent(tls -> {
      Optional<String> mode = unverifiedMode(tls);
      mode.ifPresent(m -> ctx.report(DiagnosticCode.IST0128, tls.get("mode"), dr, HINT,
          drName, dr.namespace(), m, host));
    });
    for (YamlMap pls : YamlReads.maps(policy.orElse(null), "portLevelSettings")) {
      YamlReads.map(pls, "tls").ifPresent(tls -> {
        String port = YamlReads.map(pls, "port").flatMap(p -> YamlReads.text(p, "number")).orElse("");
        unverifiedMode(tls).ifPresent(m -> ctx.report(DiagnosticCode.IST0129, tls.get("mode"), dr,
            HINT, drName, dr.namespace(), m, host, "number:" + port));
      });
    }
  }

  private static final String HINT = "set tls.caCertificates (or a credentialName whose secret holds "
      + "ca.crt) so the sidecar verifies the server's certificate";

  /**
   * SIMPLE or MUTUAL without {@code caCertificates}. A {@code credentialName} is taken as providing
   * the CA (its secret may carry {@code ca.crt}), unlike istioctl, to avoid a false alarm.
   */
  private static Optional<String> unverifiedMode(YamlMap tls) {
    Optional<String> mode = YamlReads.text(tls, "mode");
    if (mode.isEmpty() || !(mode.get().equals("SIMPLE") || mode.get().equals("MUTUAL"))) {
      return Optional.empty();
    }
    if (YamlReads.text(tls, "caCertificates").isPresent() || YamlReads.text(tls, "credentialName").isPresent()) {
      return Optional.empty();
    }
    return mode;
  }
}
