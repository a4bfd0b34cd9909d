package io.trafficlab.engine.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.core.lb.Endpoint;
import io.trafficlab.engine.core.lb.LoadBalancer;
import io.trafficlab.engine.core.route.Cluster;
import io.trafficlab.engine.core.route.RouteDecision;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the routing part of every routing sample (conformance {@code route-}, {@code match-},
 * {@code weight-}, the Bookinfo cases and our own {@code cases/}) through the compiled route table,
 * without sockets: the decision must agree with each request's routing expectations (service,
 * subset, rewrite, redirect, 404 NR, 503 NC/UH), and weighted distributions must land within 4 sigma
 * of the expected shares.
 * Expectations that need the data plane (pod status, faults, timeouts, retries) are not judged here.
 */
class ConformanceRoutingTest {

  private static final Set<String> ROUTING_FLAGS = Set.of("NR", "NC", "UH");

  static Stream<String> samples() throws IOException, URISyntaxException {
    Path conformance = Path.of(ConformanceRoutingTest.class.getResource("/conformance").toURI());
    Path bookinfo = Path.of(ConformanceRoutingTest.class.getResource("/bookinfo").toURI());
    Stream<String> c;
    try (Stream<Path> files = Files.list(conformance)) {
      c = files.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("(route|match|weight)-.*\\.yaml"))
          .map(n -> "/conformance/" + n).sorted().toList().stream();
    }
    Stream<String> b;
    try (Stream<Path> files = Files.list(bookinfo)) {
      b = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> "/bookinfo/" + n).sorted().toList().stream();
    }
    Path own = Path.of(ConformanceRoutingTest.class.getResource("/cases").toURI());
    Stream<String> o;
    try (Stream<Path> files = Files.list(own)) {
      o = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> "/cases/" + n).sorted().toList().stream();
    }
    return Stream.of(c, b, o).flatMap(s -> s);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyRequestGetsTheRoutingDecisionTheSampleExpects(String sample) {
    RoutingCase rc = RoutingCase.resource(sample);
    assertThat(rc.frontEnd.admissible()).as("config is admissible: %s", rc.frontEnd.diagnostics())
        .isTrue();
    assertThat(rc.requests).isNotEmpty();
    SplittableRandom random = new SplittableRandom(42);
    for (RoutingCase.Request r : rc.requests) {
      // Each request is routed with several random draws: a weighted pick must not change the
      // outcome the sample expects for a single request.
      for (int i = 0; i < 5; i++) {
        RouteDecision d = rc.table.route(r.view(), random.nextLong());
        check(rc.name + " requests[" + r.index() + "]", r.expect(), d);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void weightedDistributionsStayWithinFourSigma(String sample) {
    RoutingCase rc = RoutingCase.resource(sample);
    if (rc.distribution == null) {
      return;
    }
    String by = RoutingCase.text(rc.distribution, "by");
    if (by == null || by.equals("status")) {
      return; // status shares need the data plane (errors, retries)
    }
    int n = Integer.parseInt(RoutingCase.text(rc.distribution, "requests"));
    Random random = new Random(7);
    Map<Cluster, LoadBalancer> balancers = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      RouteDecision d = rc.table.route(rc.distributionTemplate.view(), random.nextLong());
      assertThat(d).as("%s distribution request %d: %s", rc.name, i, d.explanation())
          .isInstanceOf(RouteDecision.Forward.class);
      RouteDecision.Forward f = (RouteDecision.Forward) d;
      String key;
      if (by.equals("subset")) {
        key = f.subset();
      } else if (by.equals("service")) {
        key = f.cluster().service();
      } else {
        LoadBalancer lb = balancers.computeIfAbsent(f.cluster(),
            c -> LoadBalancer.create(c.policy().lb()));
        Endpoint e = lb.pick(f.cluster().endpoints(), rc.distributionTemplate.view(),
            random.nextLong(), ep -> 0);
        key = e.labels().get(by);
      }
      counts.merge(String.valueOf(key), 1, Integer::sum);
    }
    YamlMap expect = YamlReads.map(rc.distribution, "expect").orElseThrow();
    for (YamlMap.Entry e : expect.entries()) {
      double p = Double.parseDouble(RoutingCase.text(expect, e.name()));
      double observed = counts.getOrDefault(e.name(), 0) / (double) n;
      double bound = 4 * Math.sqrt(p * (1 - p) / n);
      assertThat(Math.abs(observed - p))
          .as("%s share of %s=%s: observed %s (counts %s)", rc.name, by, e.name(), observed, counts)
          .isLessThanOrEqualTo(bound + 1e-3 * (p > 0 && p < 1 ? 1 : 0));
    }
  }

  static void check(String what, YamlMap expect, RouteDecision d) {
    String status = RoutingCase.text(expect, "status");
    String flag = RoutingCase.text(expect, "responseFlag");
    String redirect = RoutingCase.text(expect, "redirect");
    String service = RoutingCase.text(expect, "service");
    String desc = what + " → " + d.explanation();
    if (redirect != null) {
      assertThat(d).as(desc).isInstanceOf(RouteDecision.Redirect.class);
      RouteDecision.Redirect r = (RouteDecision.Redirect) d;
      assertThat(r.location()).as(desc).isEqualTo(redirect);
      if (status != null) {
        assertThat(r.status()).as(desc).isEqualTo(Integer.parseInt(status));
      }
      return;
    }
    if ((flag != null && ROUTING_FLAGS.contains(flag)) || "404".equals(status)) {
      assertThat(d).as(desc).isInstanceOf(RouteDecision.LocalReply.class);
      RouteDecision.LocalReply l = (RouteDecision.LocalReply) d;
      assertThat(l.flag().code()).as(desc).isEqualTo(flag == null ? "NR" : flag);
      if (status != null) {
        assertThat(l.status()).as(desc).isEqualTo(Integer.parseInt(status));
      }
      return;
    }
    boolean success = status != null && status.startsWith("2");
    if (service != null || success || expect.has("subset") || expect.has("rewrittenPath")) {
      assertThat(d).as(desc).isInstanceOf(RouteDecision.Forward.class);
      RouteDecision.Forward f = (RouteDecision.Forward) d;
      if (service != null) {
        assertThat(f.cluster().service()).as(desc).isEqualTo(service);
      }
      String ns = RoutingCase.text(expect, "namespace");
      if (ns != null) {
        assertThat(f.cluster().namespace()).as(desc).isEqualTo(ns);
      }
      if (expect.has("subset")) {
        assertThat(f.subset()).as(desc).isEqualTo(RoutingCase.text(expect, "subset"));
      }
      String path = RoutingCase.text(expect, "rewrittenPath");
      if (path != null) {
        assertThat(f.path()).as(desc).isEqualTo(path);
      }
      String authority = RoutingCase.text(expect, "rewrittenAuthority");
      if (authority != null) {
        assertThat(f.authority()).as(desc).isEqualTo(authority);
      }
      YamlMap podLabels = YamlReads.map(expect, "podLabels").orElse(null);
      if (podLabels != null) {
        List<Endpoint> eps = f.cluster().endpoints();
        assertThat(eps).as(desc + ": some endpoint carries " + YamlReads.stringMap(expect, "podLabels"))
            .anySatisfy(e -> assertThat(e.labels())
                .containsAllEntriesOf(YamlReads.stringMap(expect, "podLabels")));
      }
    }
  }
}
