package io.trafficlab.engine.cases;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.TextOrigin;
import io.trafficlab.engine.config.yaml.YamlDocument;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import io.trafficlab.engine.core.topology.GatewayWorkload;
import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.ServicePort;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads case files (DESIGN §5, istio-semantics §11) into {@link CaseFile}s. Every mistake is a
 * positioned TL4xxx diagnostic: unknown keys (with a suggestion), wrong types, bad {@code via},
 * missing host, values outside {@link CaseLimits}. Reading goes on after a mistake so that one run
 * reports all of them.
 */
public final class CaseLoader {

  static final List<String> TOP_KEYS = List.of("name", "source", "notes", "istioVersions",
      "analyzer", "config", "topology", "secrets", "requests", "distribution", "totals", "validation");
  static final List<String> TOPOLOGY_KEYS = List.of("namespace", "gateways", "services", "secrets");
  static final List<String> GATEWAY_KEYS = List.of("name", "namespace", "labels");
  static final List<String> SERVICE_KEYS = List.of("name", "namespace", "port", "ports", "pods");
  static final List<String> PORT_KEYS = List.of("number", "name");
  static final List<String> POD_KEYS = List.of("labels", "behavior");
  static final List<String> BEHAVIOR_KEYS =
      List.of("latencyMs", "errorRate", "status", "calls", "responseHeaders");
  static final List<String> CALL_KEYS = List.of("host", "path");
  static final List<String> TOTALS_KEYS = List.of("statusCounts");
  static final List<String> VALIDATION_KEYS =
      List.of("valid", "layer", "errorContains", "warningContains", "didYouMean");

  /** Top-level keys that only a case file has; a config file starts with apiVersion and kind. */
  private static final List<String> CASE_MARKERS = List.of("config", "topology", "requests", "validation");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern IST_CODE = Pattern.compile("(IST|TL)[0-9]{4}");

  private final YamlLoader loader;

  public CaseLoader(YamlLoader loader) {
    this.loader = loader;
  }

  public CaseLoader() {
    this(new YamlLoader());
  }

  /**
   * True when loaded YAML looks like a case file: one mapping document with at least one of
   * {@code config}, {@code topology}, {@code requests}, {@code validation} and no {@code kind}.
   */
  public static boolean looksLikeCaseFile(YamlLoadResult loaded) {
    List<YamlDocument> docs = loaded.documents().stream().filter(d -> d.root() != null).toList();
    if (docs.size() != 1 || !(docs.get(0).root() instanceof YamlMap m)) {
      return false;
    }
    return !m.has("kind") && CASE_MARKERS.stream().anyMatch(m::has);
  }

  public CaseLoadResult load(String file, byte[] bytes) {
    YamlLoadResult loaded = loader.load(file, bytes);
    if (!loaded.ok()) {
      return new CaseLoadResult(file, Optional.empty(), loaded.diagnostics());
    }
    return read(loaded, new String(bytes, StandardCharsets.UTF_8));
  }

  public CaseLoadResult load(String file, String text) {
    return read(loader.load(file, text), text);
  }

  /**
   * Reads an already loaded case file; {@code text} is the file's text, needed to find where the
   * {@code config} block's lines start.
   */
  public CaseLoadResult read(YamlLoadResult loaded, String text) {
    String file = loaded.file();
    if (!loaded.ok()) {
      return new CaseLoadResult(file, Optional.empty(), loaded.diagnostics());
    }
    List<YamlDocument> docs = loaded.documents().stream().filter(d -> d.root() != null).toList();
    if (docs.size() != 1 || !(docs.get(0).root() instanceof YamlMap root)) {
      SourcePos pos = docs.isEmpty() ? SourcePos.start(file)
          : docs.size() > 1 ? docs.get(1).start() : docs.get(0).root().pos();
      String found = docs.isEmpty() ? "an empty file"
          : docs.size() > 1 ? docs.size() + " documents" : "a " + docs.get(0).root().kindName();
      return new CaseLoadResult(file, Optional.empty(), List.of(Diagnostic.of(DiagnosticCode.TL4009,
          pos, "", "", "write one mapping with config, topology and requests; put the Istio "
              + "objects inside config: | as one multi-document string", found)));
    }
    Fields f = new Fields();
    CaseFile c = new Reader(file, text, f).read(root);
    return new CaseLoadResult(file, Optional.of(c), f.out);
  }

  /** The traffic of an exercise check in the case vocabulary. */
  public record Traffic(List<CaseRequest> requests, Optional<Distribution> distribution,
      Optional<Totals> totals) {
    public Traffic {
      requests = List.copyOf(requests);
    }
  }

  /**
   * Reads {@code requests}, {@code distribution} and {@code totals} of a mapping that may hold other
   * keys (an exercise check); mistakes go to {@code out} as positioned diagnostics.
   *
   * @param namespace where mesh clients live unless a request says otherwise
   */
  public Traffic readTraffic(String file, YamlMap traffic, String namespace, List<Diagnostic> out) {
    Fields f = new Fields();
    Reader reader = new Reader(file, "", f);
    RequestReader rr = new RequestReader(f, namespace);
    List<CaseRequest> requests = reader.requests(traffic, rr);
    Optional<Distribution> dist = Optional.ofNullable(f.map(traffic, "distribution"))
        .map(rr::distribution);
    Optional<Totals> totals = Optional.ofNullable(f.map(traffic, "totals")).map(reader::totals);
    out.addAll(f.out);
    return new Traffic(requests, dist, totals);
  }

  /** Reads a {@code topology} mapping in the case vocabulary; mistakes go to {@code out}. */
  public CaseTopology readTopology(String file, YamlMap topology, List<Diagnostic> out) {
    Fields f = new Fields();
    CaseTopology t = new Reader(file, "", f).topology(topology, Optional.empty());
    out.addAll(f.out);
    return t;
  }

  /** The state of reading one file. */
  private static final class Reader {
    final String file;
    final String text;
    final Fields f;

    Reader(String file, String text, Fields f) {
      this.file = file;
      this.text = text;
      this.f = f;
    }

    CaseFile read(YamlMap root) {
      f.known(root, "the case file", TOP_KEYS);
      String name = orEmpty(f.string(root, "name"));
      checkName(root, name);
      String source = orEmpty(f.loose(root, "source"));
      String notes = orEmpty(f.loose(root, "notes"));
      String versions = orEmpty(f.loose(root, "istioVersions"));
      List<String> analyzer = f.stringList(root, "analyzer");
      YamlNode analyzerNode = Fields.get(root, "analyzer");
      for (int i = 0; i < analyzer.size(); i++) {
        if (!IST_CODE.matcher(analyzer.get(i)).matches()) {
          YamlNode at = analyzerNode instanceof YamlSeq s ? s.get(i) : analyzerNode;
          f.error(DiagnosticCode.TL4005, at, "write codes such as IST0101", "analyzer code",
              q(analyzer.get(i)), "expected IST followed by 4 digits");
        }
      }
      String config = "";
      TextOrigin origin = TextOrigin.START;
      YamlNode cfg = Fields.get(root, "config");
      if (cfg instanceof YamlScalar s) {
        config = s.value();
        origin = ConfigOrigin.of(s, text);
        if (!origin.exact() && config.contains("\n")) {
          f.error(DiagnosticCode.TL4010, s, "write config: | and indent the YAML under it");
        }
      } else if (cfg != null) {
        f.error(DiagnosticCode.TL4003, cfg,
            "write config: | and indent the multi-document YAML under it, as text",
            "config", "a string (a literal block scalar)", Fields.found(cfg));
      }

      Optional<CaseTopology> topology = readTopology(root);
      String ns = topology.map(CaseTopology::namespace).orElse("default");
      RequestReader rr = new RequestReader(f, ns);
      List<CaseRequest> requests = requests(root, rr);
      Optional<Distribution> dist = Optional.ofNullable(f.map(root, "distribution"))
          .map(rr::distribution);
      Optional<Totals> totals = Optional.ofNullable(f.map(root, "totals")).map(this::totals);
      Optional<ValidationSpec> validation =
          Optional.ofNullable(f.map(root, "validation")).map(this::validation);
      checkGateways(topology, requests, dist);
      return new CaseFile(file, name, source, notes, versions, analyzer, config, origin, topology,
          requests, dist, totals, validation);
    }

    List<CaseRequest> requests(YamlMap root, RequestReader rr) {
      List<CaseRequest> requests = new ArrayList<>();
      YamlSeq reqs = f.seq(root, "requests");
      if (reqs != null) {
        if (reqs.size() > CaseLimits.MAX_REQUEST_ENTRIES) {
          f.error(DiagnosticCode.TL4006, reqs, "split the case into several files", "requests",
              reqs.size() + " entries", "at most " + CaseLimits.MAX_REQUEST_ENTRIES);
        } else {
          long copies = 0;
          for (int i = 0; i < reqs.size(); i++) {
            CaseRequest r = rr.request(reqs.get(i), i);
            if (r != null) {
              requests.add(r);
              copies += r.copies();
            }
          }
          if (copies > CaseLimits.MAX_TOTAL_COPIES) {
            f.error(DiagnosticCode.TL4006, reqs, "use a distribution for large samples", "requests",
                copies + " copies in all", "at most " + CaseLimits.MAX_TOTAL_COPIES);
          }
        }
      }
      return requests;
    }

    void checkName(YamlMap root, String name) {
      if (name.isEmpty()) {
        return;
      }
      String base = file.replace('\\', '/');
      base = base.substring(base.lastIndexOf('/') + 1).replaceFirst("\\.ya?ml$", "");
      if (!base.equals(name)) {
        f.error(DiagnosticCode.TL4013, root.get("name"), "name the case after its file",
            q(name), q(base));
      }
    }

    void checkGateways(Optional<CaseTopology> topology, List<CaseRequest> requests,
        Optional<Distribution> dist) {
      boolean none = topology.map(t -> t.gateways().isEmpty()).orElse(true);
      if (!none) {
        return;
      }
      List<CaseRequest> all = new ArrayList<>(requests);
      dist.ifPresent(d -> all.add(d.template()));
      for (CaseRequest r : all) {
        if (!r.via().isMesh()) {
          f.error(DiagnosticCode.TL4012, r.pos(), r.label() + ".via",
              "add topology.gateways: [{name: istio-ingressgateway, namespace: istio-system, "
                  + "labels: {istio: ingressgateway}}]",
              r.label() + " (via " + r.via() + ")", "an ingress gateway workload");
          return;
        }
      }
    }

    Optional<CaseTopology> readTopology(YamlMap root) {
      YamlMap t = f.map(root, "topology");
      Optional<List<String>> topSecrets = Fields.get(root, "secrets") == null
          ? Optional.empty() : Optional.of(f.stringList(root, "secrets"));
      if (t == null) {
        return topSecrets.map(s -> new CaseTopology("default", List.of(), List.of(), Optional.of(s)));
      }
      return Optional.of(topology(t, topSecrets));
    }

    CaseTopology topology(YamlMap t, Optional<List<String>> topSecrets) {
      f.known(t, "topology", TOPOLOGY_KEYS);
      String ns = f.string(t, "namespace");
      if (ns == null) {
        ns = "default";
      } else if (!DNS_LABEL.matcher(ns).matches()) {
        f.error(DiagnosticCode.TL4005, t.get("namespace"), "use lower-case letters, digits and '-'",
            "namespace", q(ns), "not a DNS-1123 label");
        ns = "default";
      }
      Optional<List<String>> secrets = Fields.get(t, "secrets") == null
          ? topSecrets : Optional.of(f.stringList(t, "secrets"));
      if (Fields.get(t, "secrets") != null && topSecrets.isPresent()) {
        f.error(DiagnosticCode.TL4007, t.get("secrets"), "keep topology.secrets only",
            "secrets and topology.secrets");
      }
      List<GatewayWorkload> gateways = new ArrayList<>();
      YamlSeq gws = f.seq(t, "gateways");
      if (gws != null) {
        if (gws.size() > CaseLimits.MAX_GATEWAYS) {
          f.error(DiagnosticCode.TL4006, gws, "", "topology.gateways", gws.size() + " entries",
              "at most " + CaseLimits.MAX_GATEWAYS);
        } else {
          for (YamlNode g : gws) {
            gateway(g).ifPresent(gateways::add);
          }
        }
      }
      List<CaseTopology.Service> services = new ArrayList<>();
      YamlSeq svcs = f.seq(t, "services");
      if (svcs != null) {
        if (svcs.size() > CaseLimits.MAX_SERVICES) {
          f.error(DiagnosticCode.TL4006, svcs, "", "topology.services", svcs.size() + " entries",
              "at most " + CaseLimits.MAX_SERVICES);
        } else {
          Map<String, SourcePos> seen = new HashMap<>();
          int pods = 0;
          for (YamlNode s : svcs) {
            Optional<CaseTopology.Service> svc = service(s, ns);
            if (svc.isEmpty()) {
              continue;
            }
            String key = svc.get().namespace() + "/" + svc.get().name();
            SourcePos first = seen.putIfAbsent(key, s.pos());
            if (first != null) {
              f.error(DiagnosticCode.TL4008, s, "merge the two entries", "service", q(key),
                  first.line());
              continue;
            }
            pods += svc.get().pods().size();
            services.add(svc.get());
          }
          if (pods > CaseLimits.MAX_PODS) {
            f.error(DiagnosticCode.TL4006, svcs, "use fewer pods", "topology.services",
                pods + " pods", "at most " + CaseLimits.MAX_PODS);
          }
        }
      }
      return new CaseTopology(ns, gateways, services, secrets);
    }

    Optional<GatewayWorkload> gateway(YamlNode n) {
      if (!(n instanceof YamlMap m)) {
        f.typeError(n, "a mapping with name, namespace and labels");
        return Optional.empty();
      }
      f.known(m, "a gateway", GATEWAY_KEYS);
      String name = orDefault(f.string(m, "name"), "istio-ingressgateway");
      String ns = orDefault(f.string(m, "namespace"), "istio-system");
      Map<String, String> labels = m.has("labels") ? f.stringMap(m, "labels", false)
          : Map.of("istio", "ingressgateway");
      return Optional.of(new GatewayWorkload(name, ns, labels));
    }

    Optional<CaseTopology.Service> service(YamlNode n, String defaultNs) {
      if (!(n instanceof YamlMap m)) {
        f.typeError(n, "a mapping with name, port and pods");
        return Optional.empty();
      }
      f.known(m, "a service", SERVICE_KEYS);
      String name = f.string(m, "name");
      if (name == null) {
        if (Fields.get(m, "name") == null) {
          f.error(DiagnosticCode.TL4004, m, "add name: <service name>", q("name"), "a service");
        }
        return Optional.empty();
      }
      if (!DNS_LABEL.matcher(name).matches()) {
        f.error(DiagnosticCode.TL4005, m.get("name"), "use lower-case letters, digits and '-'",
            "service name", q(name), "not a DNS-1123 label");
        return Optional.empty();
      }
      String ns = orDefault(f.string(m, "namespace"), defaultNs);
      List<ServicePort> ports = ports(m);
      List<CaseTopology.Pod> pods = new ArrayList<>();
      YamlSeq ps = f.seq(m, "pods");
      if (ps != null) {
        if (ps.size() > CaseLimits.MAX_PODS_PER_SERVICE) {
          f.error(DiagnosticCode.TL4006, ps, "use fewer pods", ps.path(), ps.size() + " pods",
              "at most " + CaseLimits.MAX_PODS_PER_SERVICE);
        } else {
          for (YamlNode p : ps) {
            pod(p).ifPresent(pods::add);
          }
        }
      }
      return Optional.of(new CaseTopology.Service(name, ns, ports, pods, m.pos()));
    }

    List<ServicePort> ports(YamlMap m) {
      boolean hasPort = Fields.get(m, "port") != null;
      boolean hasPorts = Fields.get(m, "ports") != null;
      if (hasPort && hasPorts) {
        f.error(DiagnosticCode.TL4007, m.get("ports"), "keep port for one port, ports for several",
            "port and ports");
        return List.of();
      }
      if (!hasPort && !hasPorts) {
        f.error(DiagnosticCode.TL4004, m, "add port: 9080 (or ports: [{number: 9080, name: http}])",
            q("port"), "a service");
        return List.of();
      }
      if (hasPort) {
        Integer p = f.integer(m, "port", 1, 65535);
        return p == null ? List.of() : List.of(new ServicePort(p, "http"));
      }
      List<ServicePort> ports = new ArrayList<>();
      YamlSeq seq = f.seq(m, "ports");
      if (seq == null) {
        return ports;
      }
      Map<Integer, SourcePos> seen = new HashMap<>();
      for (YamlNode n : seq) {
        Integer number = null;
        String name = null;
        if (n instanceof YamlMap pm) {
          f.known(pm, "a port", PORT_KEYS);
          number = f.integer(pm, "number", 1, 65535);
          name = f.string(pm, "name");
          if (Fields.get(pm, "number") == null) {
            f.error(DiagnosticCode.TL4004, pm, "add number: 9080", q("number"), "a port");
          }
        } else if (n instanceof YamlScalar) {
          number = f.integer(n, 1, 65535);
        } else {
          f.typeError(n, "a port number or {number, name}");
        }
        if (number == null) {
          continue;
        }
        SourcePos first = seen.putIfAbsent(number, n.pos());
        if (first != null) {
          f.error(DiagnosticCode.TL4008, n, "remove one of them", "port", number, first.line());
          continue;
        }
        ports.add(new ServicePort(number, name == null ? "http" : name));
      }
      return ports;
    }

    Optional<CaseTopology.Pod> pod(YamlNode n) {
      if (!(n instanceof YamlMap m)) {
        f.typeError(n, "a mapping with labels and behavior");
        return Optional.empty();
      }
      f.known(m, "a pod", POD_KEYS);
      Map<String, String> labels = f.stringMap(m, "labels", false);
      PodBehavior behavior = PodBehavior.HEALTHY;
      YamlMap b = f.map(m, "behavior");
      if (b != null) {
        behavior = behavior(b);
      }
      return Optional.of(new CaseTopology.Pod(labels, behavior, m.pos()));
    }

    PodBehavior behavior(YamlMap b) {
      f.known(b, "behavior", BEHAVIOR_KEYS);
      Double latency = f.number(b, "latencyMs", 0, CaseLimits.MAX_LATENCY_MS);
      Double errorRate = f.number(b, "errorRate", 0, 1);
      Integer status = f.integer(b, "status", 100, 599);
      List<PodBehavior.Call> calls = new ArrayList<>();
      YamlSeq cs = f.seq(b, "calls");
      if (cs != null) {
        if (cs.size() > CaseLimits.MAX_CALLS) {
          f.error(DiagnosticCode.TL4006, cs, "", cs.path(), cs.size() + " calls",
              "at most " + CaseLimits.MAX_CALLS);
        } else {
          for (YamlNode c : cs) {
            if (!(c instanceof YamlMap cm)) {
              f.typeError(c, "a mapping with host and path");
              continue;
            }
            f.known(cm, "a call", CALL_KEYS);
            String host = f.string(cm, "host");
            if (host == null) {
              if (Fields.get(cm, "host") == null) {
                f.error(DiagnosticCode.TL4004, cm, "add host: <service>", q("host"), "a call");
              }
              continue;
            }
            String path = orDefault(f.string(cm, "path"), "/");
            if (!RequestReader.validPath(path)) {
              f.error(DiagnosticCode.TL4005, cm.get("path"), "start the path with /", "path",
                  q(path), "must start with / and contain no spaces or control characters");
              continue;
            }
            calls.add(new PodBehavior.Call(host, path));
          }
        }
      }
      Map<String, String> headers = f.stringMap(b, "responseHeaders", true);
      return new PodBehavior(latency == null ? 0 : latency, errorRate == null ? 0 : errorRate,
          status == null ? 503 : status, calls, headers);
    }

    Totals totals(YamlMap m) {
      f.known(m, "totals", TOTALS_KEYS);
      return new Totals(m.pos(), RequestReader.statusCounts(f, m));
    }

    ValidationSpec validation(YamlMap m) {
      f.known(m, "validation", VALIDATION_KEYS);
      Map<String, SourcePos> positions = new HashMap<>();
      for (YamlMap.Entry e : m.entries()) {
        positions.put(e.name(), e.key().pos());
        if (e.value() instanceof YamlSeq s) {
          for (int i = 0; i < s.size(); i++) {
            positions.put(e.name() + "[" + i + "]", s.get(i).pos());
          }
        }
      }
      Boolean valid = f.bool(m, "valid");
      if (valid == null && Fields.get(m, "valid") == null) {
        f.error(DiagnosticCode.TL4004, m, "add valid: true or valid: false", q("valid"), "validation");
      }
      String layer = f.string(m, "layer");
      if (layer != null && !List.of("schema", "webhook", "analysis").contains(layer)) {
        f.error(DiagnosticCode.TL4005, m.get("layer"), "use schema, webhook or analysis", "layer",
            q(layer), Suggest.didYouMean(layer, List.of("schema", "webhook", "analysis")));
        layer = null;
      }
      return new ValidationSpec(m.pos(), valid != null && valid, layer,
          f.stringList(m, "errorContains"), f.stringList(m, "warningContains"),
          f.stringList(m, "didYouMean"), positions);
    }
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  static String orDefault(String s, String d) {
    return s == null ? d : s;
  }
}
