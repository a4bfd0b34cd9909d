package io.trafficlab.labs.run;

import io.trafficlab.engine.cases.CaseFile;
import io.trafficlab.engine.cases.CaseJudge;
import io.trafficlab.engine.cases.CaseLoadResult;
import io.trafficlab.engine.cases.CaseLoader;
import io.trafficlab.engine.cases.CaseRequest;
import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.cases.Verdict;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.analysis.TopologyFromConfig;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.topology.GatewayWorkload;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.engine.run.EngineSession;
import io.trafficlab.engine.run.RunOptions;
import io.trafficlab.labs.grade.TrafficLab;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The real engine behind the grader: every check runs on a fresh {@link EngineSession} (pods,
 * listeners, proxy; no outlier, pool or round-robin state carried over from another check), so that
 * checks are independent and their order does not matter. A check's traffic is read by the engine's
 * case reader and judged by {@link CaseJudge}, exactly like {@code trafficlab test}.
 */
public final class EngineTrafficLab implements TrafficLab {
  /** How many observations a check result keeps as traces. */
  static final int MAX_TRACES = 5;
  /** How many failed expectations the evidence quotes. */
  static final int MAX_EVIDENCE = 3;

  @Override
  public Topology topology(YamlMap topology, List<Diagnostic> out) {
    return CheckCases.topology(topology, out);
  }

  @Override
  public Session start(FrontEndResult config, Topology topology, long seed, double timeScale) {
    Topology merged = TopologyFromConfig.merge(Optional.of(topology), config.config(), topology.namespace(),
        new ArrayList<>()).orElse(topology);
    RunOptions options = RunOptions.of(seed, timeScale);
    return new Session() {
      @Override
      public Outcome run(YamlMap checkTraffic) {
        return runCheck(config, topology, merged, options, checkTraffic);
      }

      @Override
      public void close() {
        // every check closes its own engine session
      }
    };
  }

  private static Outcome runCheck(FrontEndResult config, Topology topology, Topology merged, RunOptions options,
      YamlMap check) {
    CaseLoadResult loaded = new CaseLoader().load("check", caseText(topology, check));
    if (!loaded.ok()) {
      Diagnostic first = loaded.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
      return new Outcome(false, "", List.of(), "the check's traffic cannot be read (a pack problem): "
          + first.message() + (first.path().isEmpty() ? "" : " at " + first.path()));
    }
    CaseFile c = loaded.caseFile().orElseThrow();
    Set<CaseRequest.Client> clients = new LinkedHashSet<>();
    clients.add(CaseRequest.Client.defaultIn(c.namespace()));
    c.requests().stream().filter(r -> r.via().isMesh()).forEach(r -> clients.add(r.from()));
    c.distribution().filter(d -> d.template().via().isMesh()).ifPresent(d -> clients.add(d.template().from()));
    List<List<Observation>> perRequest = new ArrayList<>();
    List<Observation> distribution = List.of();
    try (EngineSession session = EngineSession.start(config.config(), merged, Optional.empty(), options, clients)) {
      for (CaseRequest r : c.requests()) {
        perRequest.add(session.run(r, "r" + r.index()));
      }
      if (c.distribution().isPresent()) {
        distribution = session.distribution(c.distribution().get(), "d");
      }
    } catch (RuntimeException e) {
      return new Outcome(false, "", List.of(), "the engine could not run the traffic ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
    List<Observation> dist = distribution;
    Map<String, Long> counts = c.distribution().map(d -> CaseJudge.countBy(d.by(), dist)).orElse(null);
    List<Verdict> verdicts = CaseJudge.judge(c, perRequest, counts);
    List<Verdict> failed = verdicts.stream().filter(v -> !v.passed()).toList();
    String evidence = String.join("; ", failed.stream().limit(MAX_EVIDENCE).map(Verdict::message).toList())
        + (failed.size() > MAX_EVIDENCE ? " (and " + (failed.size() - MAX_EVIDENCE) + " more)" : "");
    return new Outcome(failed.isEmpty(), evidence, traces(c, perRequest, distribution, failed), "");
  }

  /** Sample observations: the first copy of each request with a failed expectation first, then the others. */
  static List<Observation> traces(CaseFile c, List<List<Observation>> perRequest, List<Observation> distribution,
      List<Verdict> failed) {
    List<Observation> first = new ArrayList<>();
    List<Observation> rest = new ArrayList<>();
    for (int i = 0; i < perRequest.size(); i++) {
      if (perRequest.get(i).isEmpty()) {
        continue;
      }
      String label = c.requests().get(i).label();
      boolean bad = failed.stream().anyMatch(v -> v.subject().equals(label));
      (bad ? first : rest).add(perRequest.get(i).get(0));
    }
    distribution.stream().limit(MAX_TRACES).forEach(rest::add);
    first.addAll(rest);
    return first.subList(0, Math.min(MAX_TRACES, first.size()));
  }

  /** The check as a case file: the topology's namespace and gateways (for defaults and checks) and the traffic. */
  static String caseText(Topology topology, YamlMap check) {
    StringBuilder sb = new StringBuilder("topology: {\"namespace\": ").append(quote(topology.namespace()))
        .append(", \"gateways\": [");
    for (int i = 0; i < topology.gateways().size(); i++) {
      GatewayWorkload g = topology.gateways().get(i);
      sb.append(i == 0 ? "" : ", ").append("{\"name\": ").append(quote(g.name())).append(", \"namespace\": ")
          .append(quote(g.namespace())).append(", \"labels\": {");
      int j = 0;
      for (Map.Entry<String, String> l : g.labels().entrySet()) {
        sb.append(j++ == 0 ? "" : ", ").append(quote(l.getKey())).append(": ").append(quote(l.getValue()));
      }
      sb.append("}}");
    }
    sb.append("]}\n");
    for (YamlMap.Entry e : check.entries()) {
      if (e.name().equals("requests") || e.name().equals("distribution") || e.name().equals("totals")) {
        sb.append(e.name()).append(": ").append(CheckCases.json(e.value())).append('\n');
      }
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
