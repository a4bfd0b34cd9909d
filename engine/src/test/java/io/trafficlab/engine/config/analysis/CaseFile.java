package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.core.topology.GatewayWorkload;
import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test-only reader of the parts of a case file (DESIGN §5) that analysis needs: {@code config},
 * {@code topology} (namespace, gateways, services with port/ports and pod labels) and
 * {@code analyzer}. The real case loader lives in engine.cases.
 */
final class CaseFile {

  record Case(String name, String config, Optional<Topology> topology, List<String> analyzer) {}

  private CaseFile() {}

  static Case resource(String path) {
    try (InputStream in = CaseFile.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Case parse(String file, String text) {
    YamlMap root = root(file, text);
    String config = root.string("config").orElse("");
    Optional<Topology> topology = root.map("topology").map(CaseFile::topology);
    List<String> analyzer = new ArrayList<>();
    root.seq("analyzer").ifPresent(s -> s.forEach(n -> analyzer.add(((YamlScalar) n).value())));
    return new Case(root.string("name").orElse(file), config, topology, analyzer);
  }

  /** A topology from the YAML of a case file's {@code topology:} block. */
  static Topology topology(String yaml) {
    return topology(root("topology.yaml", yaml));
  }

  private static YamlMap root(String file, String text) {
    YamlLoadResult r = new YamlLoader().load(file, text);
    if (!r.ok() || r.documents().isEmpty() || !(r.documents().get(0).root() instanceof YamlMap m)) {
      throw new IllegalArgumentException("bad test YAML " + file + ": " + r.diagnostics());
    }
    return m;
  }

  static Topology topology(YamlMap t) {
    String ns = t.string("namespace").orElse("default");
    List<GatewayWorkload> gateways = new ArrayList<>();
    for (YamlNode n : t.seq("gateways").map(s -> s.items()).orElse(List.of())) {
      YamlMap g = (YamlMap) n;
      gateways.add(new GatewayWorkload(g.string("name").orElse("ingressgateway"),
          g.string("namespace").orElse("istio-system"), labels(g)));
    }
    List<ServiceDef> services = new ArrayList<>();
    for (YamlNode n : t.seq("services").map(s -> s.items()).orElse(List.of())) {
      YamlMap s = (YamlMap) n;
      String name = s.string("name").orElseThrow();
      String sns = s.string("namespace").orElse(ns);
      List<ServicePort> ports = new ArrayList<>();
      s.string("port").ifPresent(p -> ports.add(new ServicePort(Integer.parseInt(p), "http")));
      s.seq("ports").ifPresent(seq -> seq.forEach(p -> ports.add(new ServicePort(
          Integer.parseInt(((YamlMap) p).string("number").orElseThrow()),
          ((YamlMap) p).string("name").orElse("http")))));
      List<PodDef> pods = new ArrayList<>();
      int i = 0;
      for (YamlNode p : s.seq("pods").map(x -> x.items()).orElse(List.of())) {
        pods.add(new PodDef(name + "-" + i++, sns, name, labels((YamlMap) p), PodBehavior.HEALTHY));
      }
      services.add(new ServiceDef(name, sns, ports, pods));
    }
    return new Topology(ns, gateways, services);
  }

  private static Map<String, String> labels(YamlMap m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.map("labels").ifPresent(l -> l.entries().forEach(e -> out.put(e.name(),
        ((YamlScalar) e.value()).value())));
    return out;
  }
}
