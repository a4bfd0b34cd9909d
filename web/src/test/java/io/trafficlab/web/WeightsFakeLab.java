package io.trafficlab.web;

import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.labs.grade.DistributionCounts;
import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.web.grade.Labs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A lab without sockets for web tests: topologies are read as production reads them; traffic is
 * judged by one rule: a VirtualService route with weights splits requests by them and passes,
 * without weights everything reaches the first destination's subset and the check fails. Like the
 * real lab, a distribution reports its full counts and keeps only the first few requests as traces.
 */
public final class WeightsFakeLab implements TrafficLab {
  /** Traces kept per check (the real lab keeps 10). */
  public static final int SAMPLES = 10;
  /** Every check mapping the lab was asked to run. */
  public final List<YamlMap> ran = new CopyOnWriteArrayList<>();
  /** When set, routes and bodies carry markup that pages must show as text. */
  public volatile boolean hostile;

  @Override
  public Topology topology(YamlMap topology, List<Diagnostic> out) {
    return Labs.standard().topology(topology, out);
  }

  @Override
  public Session start(FrontEndResult config, Topology topology, long seed, double timeScale) {
    return new Session() {
      @Override
      public Outcome run(YamlMap traffic) {
        ran.add(traffic);
        List<int[]> weights = new ArrayList<>();
        List<String> subsets = new ArrayList<>();
        for (Resource vs : config.config().virtualServices()) {
          for (YamlNode rule : vs.spec().seq("http").map(YamlSeq::items).orElse(List.of())) {
            for (YamlNode route : ((YamlMap) rule).seq("route").map(YamlSeq::items).orElse(List.of())) {
              YamlMap r = (YamlMap) route;
              subsets.add(r.map("destination").flatMap(d -> d.string("subset")).orElse(""));
              weights.add(new int[] {r.scalar("weight").flatMap(YamlScalar::asLong).orElse(-1L).intValue()});
            }
          }
        }
        boolean weighted = weights.size() > 1 && weights.stream().allMatch(w -> w[0] >= 0);
        Optional<YamlMap> distribution = traffic.map("distribution");
        int n = distribution.flatMap(d -> d.scalar("requests")).flatMap(YamlScalar::asLong).orElse(1L).intValue();
        List<Observation> traces = new ArrayList<>();
        Map<String, Long> counts = new TreeMap<>();
        int total = weighted ? weights.stream().mapToInt(w -> w[0]).sum() : 1;
        int i = 0;
        for (int k = 0; k < (weighted ? subsets.size() : 1); k++) {
          int count = weighted ? Math.round(n * weights.get(k)[0] / (float) total) : n;
          String subset = subsets.isEmpty() ? "v1" : subsets.get(k);
          for (int c = 0; c < count && i < n; c++, i++) {
            counts.merge(subset, 1L, Long::sum);
            if (traces.size() < SAMPLES) {
              traces.add(observation(subset, i));
            }
          }
        }
        Optional<DistributionCounts> counted = distribution.map(d -> DistributionCounts.of(
            d.string("by").orElse("subset"), counts, expected(d), d.scalar("tolerance").flatMap(YamlScalar::asDouble)
                .orElse(0.02)));
        return new Outcome(weighted, weighted ? "" : n + "/" + n + " requests reached "
            + (subsets.isEmpty() ? "v1" : subsets.get(0)), traces, "", counted);
      }

      @Override
      public void close() {}
    };
  }

  private static Map<String, Double> expected(YamlMap distribution) {
    Map<String, Double> out = new LinkedHashMap<>();
    distribution.map("expect").ifPresent(m -> m.entries().forEach(e -> {
      if (e.value() instanceof YamlScalar v) {
        v.asDouble().ifPresent(share -> out.put(e.name(), share));
      }
    }));
    return out;
  }

  private Observation observation(String subset, int i) {
    String pod = "shop-" + subset + "-0";
    String route = "Gateway default/shop-gateway :80 → VirtualService default/shop http[0] → shop.default " + subset
        + (hostile ? " <script>alert('route')</script>" : "");
    return new Observation(200, List.of(), hostile ? "<script>alert('body')</script>" : "hello from " + pod,
        Map.of("x-served-by", pod), new Observation.Upstream("shop", "default", subset, pod,
            Map.of("app", "shop", "version", subset), "/", "shop.example.com", Map.of("x-request-id", "r" + i)),
        1, List.of(), 3.0 + i, route);
  }
}
