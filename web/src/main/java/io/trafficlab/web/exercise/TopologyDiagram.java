package io.trafficlab.web.exercise;

import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlSeq;
import io.trafficlab.engine.core.topology.GatewayWorkload;
import io.trafficlab.engine.core.topology.HostNames;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The topology as an SVG: entry points (ingress gateways, mesh clients) → services → the subsets
 * the learner's DestinationRules define → pods. Route weights written in the VirtualServices label
 * the service → subset edges; once graded, each pod shows the share of sampled requests it served.
 */
final class TopologyDiagram {
  private static final int ROW = 30;
  private static final int[] COL = {8, 168, 318, 468};
  private static final int BOX = 136;

  /** A subset of one service: its name and the pods its labels select. */
  record Subset(String service, String name, List<PodDef> pods) {}

  private TopologyDiagram() {}

  /**
   * @param podCounts requests each pod served in the last run (empty before a run)
   */
  static String render(Topology topology, ConfigSet config, Map<String, Long> podCounts) {
    List<ServiceDef> services = topology.services();
    int rows = Math.max(1, services.stream().mapToInt(s -> Math.max(1, s.pods().size())).sum());
    int entries = topology.gateways().size() + 1;
    int height = 34 + Math.max(rows, entries) * ROW + 8;
    Svg svg = new Svg(620, height, "Topology: entry points, services, subsets and pods");
    svg.text(COL[0], 14, "Entry", "col-title").text(COL[1], 14, "Service", "col-title")
        .text(COL[2], 14, "Subset", "col-title").text(COL[3], 14, "Pod", "col-title");
    long total = podCounts.values().stream().mapToLong(Long::longValue).sum();

    Map<String, Double> serviceY = new LinkedHashMap<>();
    Map<String, Double> podY = new HashMap<>();
    List<Runnable> boxes = new ArrayList<>();
    int row = 0;
    for (ServiceDef s : services) {
      int n = Math.max(1, s.pods().size());
      double top = 26 + row * ROW;
      double mid = top + n * ROW / 2.0;
      serviceY.put(s.name() + "." + s.namespace(), mid);
      for (int i = 0; i < s.pods().size(); i++) {
        podY.put(s.pods().get(i).name(), top + i * ROW + ROW / 2.0);
      }
      row += n;
    }

    // Entry points and the services they reach.
    Map<String, Set<String>> gatewayTargets = gatewayTargets(topology, config);
    double entryStep = Math.max(ROW, (double) rows * ROW / entries);
    List<String> entryNames = new ArrayList<>();
    topology.gateways().forEach(g -> entryNames.add(g.name()));
    entryNames.add("mesh clients");
    for (int i = 0; i < entryNames.size(); i++) {
      String name = entryNames.get(i);
      double y = 26 + i * entryStep + ROW / 2.0;
      boolean mesh = i == entryNames.size() - 1;
      Set<String> targets = mesh ? serviceY.keySet() : gatewayTargets.getOrDefault(name, Set.of());
      for (String t : targets) {
        Double ty = serviceY.get(t);
        if (ty != null) {
          svg.path(curve(COL[0] + BOX, y, COL[1], ty), mesh ? "edge faint" : "edge");
        }
      }
      boxes.add(() -> node(svg, COL[0], y, name, mesh ? "node entry mesh" : "node entry", ""));
    }

    // Services → subsets → pods.
    Map<String, Integer> weights = routeWeights(topology, config);
    for (ServiceDef s : services) {
      double sy = serviceY.get(s.name() + "." + s.namespace());
      boxes.add(() -> node(svg, COL[1], sy, s.name(), "node service", ":" + s.ports().stream()
          .map(p -> String.valueOf(p.number())).reduce((a, b) -> a + "," + b).orElse("")));
      List<Subset> subsets = subsets(topology, config, s);
      Set<String> inSubset = new LinkedHashSet<>();
      for (Subset sub : subsets) {
        double y = sub.pods().isEmpty() ? sy
            : sub.pods().stream().mapToDouble(p -> podY.get(p.name())).average().orElse(sy);
        Integer w = weights.get(s.name() + "." + s.namespace() + "/" + sub.name());
        svg.path(curve(COL[1] + BOX, sy, COL[2], y), "edge");
        if (w != null) {
          svg.text((COL[1] + BOX + COL[2]) / 2.0, (sy + y) / 2.0 - 3, "w " + w, "edge-label", "middle");
        }
        for (PodDef p : sub.pods()) {
          svg.path(curve(COL[2] + BOX, y, COL[3], podY.get(p.name())), "edge");
          inSubset.add(p.name());
        }
        long served = sub.pods().stream().mapToLong(p -> podCounts.getOrDefault(p.name(), 0L)).sum();
        String detail = total > 0 ? Charts.pct(served / (double) total) : sub.pods().size() + " pod" + (sub.pods().size() == 1 ? "" : "s");
        boxes.add(() -> node(svg, COL[2], y, sub.name(), sub.pods().isEmpty() ? "node subset empty" : "node subset", detail));
      }
      for (PodDef p : s.pods()) {
        double py = podY.get(p.name());
        if (!inSubset.contains(p.name())) {
          svg.path(curve(COL[1] + BOX, sy, COL[3], py), "edge faint");
        }
        long served = podCounts.getOrDefault(p.name(), 0L);
        String version = p.labels().getOrDefault("version", "");
        String detail = total > 0 ? Charts.pct(served / (double) total) : version;
        boxes.add(() -> node(svg, COL[3], py, p.name(), served > 0 ? "node pod hit" : "node pod", detail));
      }
    }
    boxes.forEach(Runnable::run);
    if (services.isEmpty()) {
      svg.text(COL[1], 48, "This exercise has no services.", "chart-note");
    }
    return svg.end();
  }

  private static void node(Svg svg, double x, double cy, String name, String cls, String detail) {
    svg.rect(x, cy - 11, BOX, 22, cls);
    // As many characters as the box has room for beside the detail (about 7.5 units a character at
    // 12px, 6.6 at the detail's 11px; 20 fit alone); names of one topology often share a prefix (ecommerce-frontend,
    // ecommerce-backend), so the middle is elided.
    int room = detail.isEmpty() ? 20 : (int) ((BOX - 18 - detail.length() * 6.6) / 7.5);
    svg.text(x + 6, cy + 4, Svg.cutMiddle(name, Math.max(6, room)), "node-label");
    if (!detail.isEmpty()) {
      svg.text(x + BOX - 5, cy + 4, Svg.cut(detail, 11), "node-detail", "end");
    }
  }

  private static String curve(double x1, double y1, double x2, double y2) {
    double mx = (x1 + x2) / 2;
    return "M" + Svg.n(x1) + " " + Svg.n(y1) + " C" + Svg.n(mx) + " " + Svg.n(y1) + " " + Svg.n(mx) + " " + Svg.n(y2)
        + " " + Svg.n(x2) + " " + Svg.n(y2);
  }

  /** The subsets the configuration's DestinationRules define for a service, pods resolved by labels. */
  static List<Subset> subsets(Topology topology, ConfigSet config, ServiceDef s) {
    List<Subset> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Resource dr : config.destinationRules()) {
      Optional<String> host = dr.spec().string("host");
      if (host.isEmpty() || !HostNames.resolve(host.get(), dr.namespace()).equals(s.fqdn())) {
        continue;
      }
      for (YamlNode n : dr.spec().seq("subsets").map(YamlSeq::items).orElse(List.of())) {
        if (n instanceof YamlMap m && m.string("name").isPresent() && seen.add(m.string("name").get())) {
          Map<String, String> labels = new LinkedHashMap<>();
          m.map("labels").ifPresent(l -> l.entries().forEach(e -> {
            if (e.value() instanceof io.trafficlab.engine.config.yaml.YamlScalar v) {
              labels.put(e.name(), v.value());
            }
          }));
          List<PodDef> pods = labels.isEmpty() ? List.of() : s.pods().stream().filter(p -> p.matches(labels)).toList();
          out.add(new Subset(s.name(), m.string("name").get(), pods));
        }
      }
    }
    return out;
  }

  /** {@code service.namespace/subset} → the weight a VirtualService route gives it (first one written). */
  static Map<String, Integer> routeWeights(Topology topology, ConfigSet config) {
    Map<String, Integer> out = new HashMap<>();
    for (Resource vs : config.virtualServices()) {
      forEachDestination(vs, (route, dest) -> {
        Optional<ServiceDef> svc = dest.string("host").flatMap(h -> topology.serviceByFqdn(HostNames.resolve(h, vs.namespace())));
        Optional<String> subset = dest.string("subset");
        Optional<Long> weight = route.scalar("weight").flatMap(io.trafficlab.engine.config.yaml.YamlScalar::asLong);
        if (svc.isPresent() && subset.isPresent() && weight.isPresent()) {
          out.putIfAbsent(svc.get().name() + "." + svc.get().namespace() + "/" + subset.get(), weight.get().intValue());
        }
      });
    }
    return out;
  }

  /** Gateway workload name → services that VirtualServices bound to a gateway route to. */
  static Map<String, Set<String>> gatewayTargets(Topology topology, ConfigSet config) {
    Map<String, Set<String>> out = new HashMap<>();
    for (Resource vs : config.virtualServices()) {
      boolean viaGateway = vs.spec().seq("gateways").map(YamlSeq::items).orElse(List.of()).stream()
          .anyMatch(g -> g instanceof io.trafficlab.engine.config.yaml.YamlScalar sc && !sc.value().equals("mesh"));
      if (!viaGateway) {
        continue;
      }
      forEachDestination(vs, (route, dest) -> dest.string("host")
          .flatMap(h -> topology.serviceByFqdn(HostNames.resolve(h, vs.namespace())))
          .ifPresent(svc -> topology.gateways().stream().map(GatewayWorkload::name)
              .forEach(g -> out.computeIfAbsent(g, k -> new LinkedHashSet<>()).add(svc.name() + "." + svc.namespace()))));
    }
    return out;
  }

  private interface DestinationVisitor {
    void visit(YamlMap route, YamlMap destination);
  }

  private static void forEachDestination(Resource vs, DestinationVisitor v) {
    for (String kind : List.of("http", "tcp", "tls")) {
      for (YamlNode rule : vs.spec().seq(kind).map(YamlSeq::items).orElse(List.of())) {
        if (rule instanceof YamlMap r) {
          for (YamlNode route : r.seq("route").map(YamlSeq::items).orElse(List.of())) {
            if (route instanceof YamlMap rm) {
              rm.map("destination").ifPresent(d -> v.visit(rm, d));
            }
          }
        }
      }
    }
  }
}
