package io.trafficlab.engine.config.compile;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.core.route.Listener;
import io.trafficlab.engine.core.route.RequestView;
import io.trafficlab.engine.core.route.RouteTable;
import io.trafficlab.engine.core.topology.GatewayWorkload;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test-side reader of the case format's routing parts (istio-semantics §11): {@code config},
 * {@code topology}, {@code requests} and {@code distribution}. The real case loader lives elsewhere;
 * this one reads just enough to drive the route table without sockets.
 */
final class RoutingCase {
  final String name;
  final Topology topology;
  final FrontEndResult frontEnd;
  final RouteTable table;
  final List<Request> requests;
  final Request distributionTemplate;
  final YamlMap distribution;

  /** One request of the case with its {@code expect} mapping (may be empty). */
  record Request(int index, RequestView view, YamlMap expect) {}

  private RoutingCase(String name, YamlMap root) {
    this.name = name;
    this.topology = topology(YamlReads.map(root, "topology").orElse(null));
    String config = YamlReads.string(root, "config").orElse("");
    this.frontEnd = new ConfigFrontEnd().validate(name + ":config", config, topology.namespace(),
        Optional.of(topology));
    this.table = RouteCompiler.compile(frontEnd.config(), topology);
    this.requests = new ArrayList<>();
    List<YamlMap> reqs = YamlReads.maps(root, "requests");
    for (int i = 0; i < reqs.size(); i++) {
      requests.add(new Request(i, request(reqs.get(i)),
          YamlReads.map(reqs.get(i), "expect").orElse(empty())));
    }
    this.distribution = YamlReads.map(root, "distribution").orElse(null);
    this.distributionTemplate = distribution == null ? null
        : new Request(-1, request(distribution), empty());
  }

  static RoutingCase resource(String path) {
    try (InputStream in = RoutingCase.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static RoutingCase parse(String name, String caseYaml) {
    YamlLoadResult loaded = new YamlLoader().load(name, caseYaml);
    if (!loaded.ok() || loaded.documents().isEmpty()
        || !(loaded.documents().get(0).root() instanceof YamlMap root)) {
      throw new IllegalArgumentException("not a case file: " + name + " " + loaded.diagnostics());
    }
    return new RoutingCase(name, root);
  }

  private static YamlMap empty() {
    return new YamlMap(List.of(), io.trafficlab.engine.config.yaml.SourcePos.start("x"), "");
  }

  private RequestView request(YamlMap r) {
    String via = YamlReads.string(r, "via").orElse("mesh");
    int port = YamlReads.lenientInteger(r, "port").orElse(0L).intValue();
    Listener listener;
    if (via.startsWith("gateway:")) {
      listener = new Listener.Gateway(Integer.parseInt(via.substring("gateway:".length())));
    } else {
      YamlMap from = YamlReads.map(r, "from").orElse(null);
      Map<String, String> labels = from != null && from.has("labels")
          ? YamlReads.stringMap(from, "labels") : Map.of("app", "client");
      listener = new Listener.Sidecar(YamlReads.string(from, "namespace").orElse(topology.namespace()),
          labels, port);
    }
    String scheme = YamlReads.string(r, "scheme").orElse("http");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    YamlReads.stringMap(r, "headers").forEach((k, v) -> headers.put(k.toLowerCase(), List.of(v)));
    String host = YamlReads.string(r, "host").orElse("");
    return new RequestView(listener, scheme, YamlReads.string(r, "method").orElse("GET"), host,
        YamlReads.string(r, "path").orElse("/"), headers, "10.0.0.1", scheme.equals("https"));
  }

  static Topology topology(YamlMap t) {
    String ns = YamlReads.string(t, "namespace").orElse("default");
    List<GatewayWorkload> gateways = new ArrayList<>();
    for (YamlMap g : YamlReads.maps(t, "gateways")) {
      gateways.add(new GatewayWorkload(YamlReads.string(g, "name").orElse("istio-ingressgateway"),
          YamlReads.string(g, "namespace").orElse("istio-system"), YamlReads.stringMap(g, "labels")));
    }
    List<ServiceDef> services = new ArrayList<>();
    Map<String, Integer> counters = new HashMap<>();
    for (YamlMap s : YamlReads.maps(t, "services")) {
      String name = YamlReads.string(s, "name").orElseThrow();
      String sns = YamlReads.string(s, "namespace").orElse(ns);
      List<ServicePort> ports = new ArrayList<>();
      YamlReads.lenientInteger(s, "port").ifPresent(p -> ports.add(new ServicePort(p.intValue(), "http")));
      for (YamlMap p : YamlReads.maps(s, "ports")) {
        ports.add(new ServicePort(YamlReads.lenientInteger(p, "number").orElseThrow().intValue(),
            YamlReads.string(p, "name").orElse("http-" + ports.size())));
      }
      List<PodDef> pods = new ArrayList<>();
      for (YamlMap p : YamlReads.maps(s, "pods")) {
        Map<String, String> labels = YamlReads.stringMap(p, "labels");
        String stem = name + "-" + labels.getOrDefault("version", "pod");
        int i = counters.merge(stem, 1, Integer::sum) - 1;
        pods.add(new PodDef(YamlReads.string(p, "name").orElse(stem + "-" + i), sns, name, labels, null));
      }
      services.add(new ServiceDef(name, sns, ports, pods));
    }
    return new Topology(ns, gateways, services);
  }

  /** A scalar under {@code key} as text, or null. */
  static String text(YamlMap m, String key) {
    YamlNode n = m.get(key);
    return n instanceof YamlScalar s && !s.isNull() ? s.value() : null;
  }
}
