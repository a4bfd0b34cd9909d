package io.trafficlab.engine.bench;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.compile.RouteCompiler;
import io.trafficlab.engine.core.route.Listener;
import io.trafficlab.engine.core.route.RequestView;
import io.trafficlab.engine.core.route.RouteDecision;
import io.trafficlab.engine.core.route.RouteTable;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Route decisions per second on one core for a sidecar request against a 50-rule VirtualService.
 * Rules alternate uri prefix + header, exact uri + method, and (every tenth) RE2 regex matches; rule
 * 49 splits 90/10 between subsets. {@code rule} selects which rule the request matches, so the
 * benchmark also measures walking past 49 non-matching rules. Run with scripts/bench-route.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteDecisionBench {

  static final int RULES = 50;

  @Param({"0", "25", "48", "49"})
  public int rule;

  private RouteTable table;
  private RequestView request;
  private long seed = 0x1234_5678_9abcL;

  @Setup
  public void setup() {
    List<PodDef> pods = new ArrayList<>();
    for (String v : List.of("v1", "v2", "v3")) {
      pods.add(new PodDef("reviews-" + v + "-0", "default", "reviews",
          Map.of("app", "reviews", "version", v), null));
    }
    Topology topology = new Topology("default", List.of(), List.of(
        new ServiceDef("reviews", "default", List.of(new ServicePort(9080, "http")), pods)));
    FrontEndResult fe = new ConfigFrontEnd().validate("bench.yaml", config(), "default",
        Optional.of(topology));
    if (!fe.admissible()) {
      throw new IllegalStateException("benchmark config rejected: " + fe.diagnostics());
    }
    table = RouteCompiler.compile(fe.config(), topology);
    String path = rule % 10 == 9 ? "/regex/" + rule + "/item/42" : "/svc" + rule + "/item?page=2";
    String method = rule % 2 == 1 && rule % 10 != 9 ? "POST" : "GET";
    if (rule % 2 == 1 && rule % 10 != 9) {
      path = "/exact/" + rule;
    }
    request = new RequestView(new Listener.Sidecar("default", Map.of("app", "productpage")),
        "http", method, "reviews:9080", path,
        Map.of("x-tenant", List.of("tenant-" + rule), "user-agent", List.of("bench")), "10.0.0.9",
        false);
    RouteDecision d = table.route(request, 1);
    if (!(d instanceof RouteDecision.Forward) || !d.explanation().route().contains("http[" + rule + "]")) {
      throw new IllegalStateException("request does not reach rule " + rule + ": " + d.explanation());
    }
  }

  static String config() {
    StringBuilder sb = new StringBuilder("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec:
          host: reviews
          subsets:
          - {name: v1, labels: {version: v1}}
          - {name: v2, labels: {version: v2}}
          - {name: v3, labels: {version: v3}}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
        """);
    for (int i = 0; i < RULES; i++) {
      String subset = "v" + (1 + i % 3);
      if (i % 10 == 9) {
        sb.append("  - match: [{uri: {regex: \"/regex/").append(i).append("/[a-z]+/[0-9]+\"}}]\n");
      } else if (i % 2 == 1) {
        sb.append("  - match: [{uri: {exact: /exact/").append(i)
            .append("}, method: {exact: POST}}]\n");
      } else {
        sb.append("  - match:\n    - uri: {prefix: /svc").append(i).append("/}\n")
            .append("      headers: {x-tenant: {exact: tenant-").append(i).append("}}\n");
      }
      if (i == RULES - 1) {
        sb.append("    route:\n    - {destination: {host: reviews, subset: v1}, weight: 90}\n")
            .append("    - {destination: {host: reviews, subset: v2}, weight: 10}\n");
      } else {
        sb.append("    route: [{destination: {host: reviews, subset: ").append(subset).append("}}]\n");
      }
    }
    return sb.toString();
  }

  @Benchmark
  public RouteDecision decide() {
    // xorshift: cheap per-call randomness so the weighted pick varies without dominating the cost.
    long x = seed;
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    seed = x;
    return table.route(request, x);
  }
}
