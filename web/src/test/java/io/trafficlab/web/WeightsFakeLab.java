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
import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.web.grade.Labs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A lab without sockets for web tests: topologies are read as production reads them; traffic is
 * judged by one rule: a VirtualService route with weights splits requests by them and passes,
 * without weights everything reaches the first destination's subset and the check fails.
 */
public final class WeightsFakeLab implements TrafficLab {
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
        int n = traffic.has("distribution") ? 10 : 1;
        List<Observation> traces = new ArrayList<>();
        int total = weighted ? weights.stream().mapToInt(w -> w[0]).sum() : 1;
        int i = 0;
        for (int k = 0; k < (weighted ? subsets.size() : 1); k++) {
          int count = weighted ? Math.round(n * weights.get(k)[0] / (float) total) : n;
          for (int c = 0; c < count && i < n; c++, i++) {
            traces.add(observation(subsets.isEmpty() ? "v1" : subsets.get(k), i));
          }
        }
        return new Outcome(weighted, weighted ? "" : n + "/" + n + " requests reached "
            + (subsets.isEmpty() ? "v1" : subsets.get(0)), traces, "");
      }

      @Override
      public void close() {}
    };
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
