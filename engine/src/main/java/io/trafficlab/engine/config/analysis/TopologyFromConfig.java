package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.model.ResourceKind;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.core.topology.GatewayWorkload;
import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Adds the pods and services of apps/v1 Deployment and v1 Service documents to a topology (DESIGN
 * §5). A Deployment adds {@code replicas} pods (default 1) named {@code <deployment>-<i>} with its
 * template labels; a pod joins every service of its namespace whose selector its labels satisfy: a
 * Service document's {@code spec.selector}, or {@code app: <service name>} for a service of the case
 * file's topology. A Service document adds a service (ports from {@code spec.ports}) or extends the
 * topology service of the same name and namespace (its selector then applies).
 *
 * <p>Invariants of the result: pod names are unique across the topology and stable for the same
 * input (a taken name gets a {@code -2}, {@code -3} ... suffix); a pod that joins several services
 * appears in each with the same {@link PodDef} (its {@code service} is the first one), so consumers
 * that start one server per pod must de-duplicate by name. Pods that no service selects are not in
 * the topology (a TL3003 warning says so).
 */
public final class TopologyFromConfig {
  /** At most this many pods per Deployment: each pod is a real server socket. */
  static final int MAX_REPLICAS = 20;
  /**
   * At most this many pods from all Deployments of one configuration together: a submission of
   * a thousand Deployments must not open twenty thousand sockets.
   */
  static final int MAX_CONFIG_PODS = 100;

  private TopologyFromConfig() {}

  private static final class SvcBuilder {
    final String name;
    final String namespace;
    final List<ServicePort> ports = new ArrayList<>();
    final List<PodDef> pods = new ArrayList<>();
    Map<String, String> selector;
    Resource doc;

    SvcBuilder(String name, String namespace, Map<String, String> selector) {
      this.name = name;
      this.namespace = namespace;
      this.selector = selector;
    }

    boolean selects(PodDef pod) {
      return !selector.isEmpty() && pod.namespace().equals(namespace) && pod.matches(selector);
    }

    ServiceDef build() {
      return new ServiceDef(name, namespace, ports, pods);
    }
  }

  /**
   * The topology to run and analyse against.
   *
   * @return {@code base} with the documents' pods and services added; {@code base} itself when the
   *     config has no Deployment or Service; empty when there is neither
   */
  public static Optional<Topology> merge(Optional<Topology> base, ConfigSet config,
      String defaultNamespace, List<Diagnostic> out) {
    Optional<Topology> b = base == null ? Optional.empty() : base;
    List<Resource> deployments = config.of(ResourceKind.DEPLOYMENT).toList();
    List<Resource> serviceDocs = config.of(ResourceKind.SERVICE).toList();
    if (deployments.isEmpty() && serviceDocs.isEmpty()) {
      return b;
    }
    String namespace = b.map(Topology::namespace)
        .orElse(defaultNamespace == null || defaultNamespace.isEmpty() ? "default" : defaultNamespace);
    List<GatewayWorkload> gateways = b.map(Topology::gateways).orElse(List.of());

    Map<String, SvcBuilder> services = new LinkedHashMap<>();
    Set<String> podNames = new HashSet<>();
    for (ServiceDef s : b.map(Topology::services).orElse(List.of())) {
      SvcBuilder sb = new SvcBuilder(s.name(), s.namespace(), Map.of("app", s.name()));
      sb.ports.addAll(s.ports());
      sb.pods.addAll(s.pods());
      s.pods().forEach(p -> podNames.add(p.name()));
      services.putIfAbsent(s.namespace() + "/" + s.name(), sb);
    }
    for (Resource doc : serviceDocs) {
      addServiceDoc(doc, services, out);
    }
    int[] started = {0, 0}; // pods started by Deployments so far; whether TL3007 was said
    for (Resource dep : deployments) {
      addDeployment(dep, services, podNames, started, out);
    }
    for (SvcBuilder sb : services.values()) {
      if (sb.doc != null && sb.pods.isEmpty()) {
        YamlNode at = Optional.ofNullable(sb.doc.spec().get("selector")).orElse(sb.doc.root());
        out.add(Diagnostic.of(DiagnosticCode.TL3004, at.pos(), at.path(), sb.doc.ref(),
            sb.selector.isEmpty()
                ? "a Service without spec.selector gets no pods; add `selector: {app: " + sb.name + "}`"
                : "no pod in namespace " + sb.namespace + " has all these labels; match the labels of "
                    + "a Deployment's pod template",
            sb.name, "{" + Canonical.selector(sb.selector) + "}"));
      }
    }
    List<ServiceDef> built = services.values().stream().map(SvcBuilder::build).toList();
    return Optional.of(new Topology(namespace, gateways, built));
  }

  private static void addServiceDoc(Resource doc, Map<String, SvcBuilder> services,
      List<Diagnostic> out) {
    List<ServicePort> ports = new ArrayList<>();
    for (YamlMap p : YamlReads.maps(doc.spec(), "ports")) {
      Optional<Long> number = YamlReads.integer(p, "port");
      if (number.isPresent() && number.get() > 0 && number.get() <= 65535) {
        ports.add(new ServicePort(number.get().intValue(), YamlReads.text(p, "name").orElse("http")));
      }
    }
    if (ports.isEmpty()) {
      YamlNode at = Optional.ofNullable(doc.spec().get("ports")).orElse(doc.root());
      out.add(Diagnostic.of(DiagnosticCode.TL3006, at.pos(), at.path(), doc.ref(),
          "add `ports: [{name: http, port: 8080}]`", doc.name()));
      return;
    }
    String key = doc.namespace() + "/" + doc.name();
    SvcBuilder sb = services.computeIfAbsent(key,
        k -> new SvcBuilder(doc.name(), doc.namespace(), Map.of()));
    sb.selector = YamlReads.stringMap(doc.spec(), "selector");
    sb.doc = doc;
    for (ServicePort p : ports) {
      if (sb.ports.stream().noneMatch(x -> x.number() == p.number())) {
        sb.ports.add(p);
      }
    }
  }

  private static void addDeployment(Resource dep, Map<String, SvcBuilder> services,
      Set<String> podNames, int[] started, List<Diagnostic> out) {
    YamlMap spec = dep.spec();
    Optional<YamlMap> selectorNode = YamlReads.map(spec, "selector");
    Map<String, String> matchLabels = YamlReads.stringMap(selectorNode.orElse(null), "matchLabels");
    Optional<YamlMap> template = YamlReads.map(spec, "template");
    Map<String, String> labels = YamlReads.stringMap(
        YamlReads.map(template.orElse(null), "metadata").orElse(null), "labels");
    if (matchLabels.isEmpty()) {
      YamlNode at = selectorNode.<YamlNode>map(s -> s).orElse(spec.isEmpty() ? dep.root() : spec);
      out.add(Diagnostic.of(DiagnosticCode.TL3002, at.pos(), at.path(), dep.ref(),
          "add `selector: {matchLabels: {...}}` with labels of the pod template"
              + (labels.isEmpty() ? "" : ", e.g. {" + Canonical.selector(labels) + "}")));
      return;
    }
    if (!labels.entrySet().containsAll(matchLabels.entrySet())) {
      YamlNode at = selectorNode.get().get("matchLabels");
      out.add(Diagnostic.of(DiagnosticCode.TL3001, at.pos(), at.path(), dep.ref(),
          "every selector label must be among spec.template.metadata.labels; Kubernetes answers "
              + "\"selector does not match template labels\"",
          "{" + Canonical.selector(matchLabels) + "}", "{" + Canonical.selector(labels) + "}"));
      return;
    }
    long replicas = YamlReads.integer(spec, "replicas").orElse(1L);
    if (replicas > MAX_REPLICAS) {
      YamlNode at = spec.get("replicas");
      out.add(Diagnostic.of(DiagnosticCode.TL3005, at.pos(), at.path(), dep.ref(),
          "a few replicas show load balancing just as well", replicas, MAX_REPLICAS, MAX_REPLICAS));
      replicas = MAX_REPLICAS;
    }
    List<SvcBuilder> joined = new ArrayList<>();
    PodDef probe = new PodDef("", dep.namespace(), "", labels, PodBehavior.HEALTHY);
    for (SvcBuilder sb : services.values()) {
      if (sb.selects(probe)) {
        joined.add(sb);
      }
    }
    if (joined.isEmpty()) {
      YamlNode at = YamlReads.map(dep.root(), "metadata").map(m -> m.get("name")).orElse(dep.root());
      out.add(Diagnostic.of(DiagnosticCode.TL3003, at.pos(), at.path(), dep.ref(),
          "add a Service in namespace " + dep.namespace() + " whose spec.selector matches these "
              + "labels, e.g. `selector: {" + firstLabel(labels) + "}`",
          dep.name(), "{" + Canonical.selector(labels) + "}"));
      return;
    }
    if (started[0] + replicas > MAX_CONFIG_PODS) {
      if (started[1] == 0) { // said once, at the Deployment that crosses the limit
        started[1] = 1;
        YamlNode at = Optional.ofNullable(spec.get("replicas")).orElse(dep.root());
        out.add(Diagnostic.of(DiagnosticCode.TL3007, at.pos(), at.path(), dep.ref(),
            "use fewer Deployments or replicas; a few pods per version show every routing rule",
            dep.name(), replicas, MAX_CONFIG_PODS, MAX_CONFIG_PODS - started[0]));
      }
      replicas = MAX_CONFIG_PODS - started[0];
    }
    started[0] += (int) replicas;
    for (long i = 0; i < replicas; i++) {
      String name = uniqueName(dep.name() + "-" + i, podNames);
      PodDef pod = new PodDef(name, dep.namespace(), joined.get(0).name, labels, PodBehavior.HEALTHY);
      for (SvcBuilder sb : joined) {
        sb.pods.add(pod);
      }
    }
  }

  private static String firstLabel(Map<String, String> labels) {
    return labels.entrySet().stream().findFirst().map(e -> e.getKey() + ": " + e.getValue())
        .orElse("app: my-app");
  }

  private static String uniqueName(String wanted, Set<String> taken) {
    String name = wanted;
    for (int n = 2; !taken.add(name); n++) {
      name = wanted + "-" + n;
    }
    return name;
  }
}
