package io.trafficlab.labs.run;

import io.trafficlab.engine.cases.CaseJudge;
import io.trafficlab.engine.cases.CaseLoader;
import io.trafficlab.engine.cases.CaseRequest;
import io.trafficlab.engine.cases.CaseTopology;
import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.cases.Verdict;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.analysis.TopologyFromConfig;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.engine.run.EngineSession;
import io.trafficlab.engine.run.RunOptions;
import io.trafficlab.labs.grade.DistributionCounts;
import io.trafficlab.labs.grade.TrafficLab;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TrafficLab} over the real data plane. An exercise's {@code topology} is read like a case
 * file's; each check's {@code requests}/{@code distribution}/{@code totals} run through the proxy and
 * are judged like a case's expectations.
 *
 * <p>Every check runs on a <em>fresh</em> {@link EngineSession} (pods, listeners, proxy): no ejected
 * host, open connection, pool or round-robin position carries over from another check, so checks
 * are independent and their order does not matter (exercise authors write each check's warm-up
 * traffic into the check itself). With the same seed a grading picks the same way every time.
 */
public final class EngineTrafficLab implements TrafficLab {
  /** Traces kept per check: failing observations first. */
  static final int MAX_TRACES = 10;
  /** Failed expectations quoted in the evidence. */
  static final int MAX_EVIDENCE = 3;
  private static final String FILE = "exercise.yaml";

  private final CaseLoader loader = new CaseLoader();
  /** Credential names per topology read here (the engine topology does not carry them). */
  private final Map<Topology, Set<String>> secrets = new ConcurrentHashMap<>();

  @Override
  public Topology topology(YamlMap topology, List<Diagnostic> out) {
    CaseTopology t = loader.readTopology(FILE, topology, out);
    Topology engine = t.toTopology();
    t.secrets().ifPresent(s -> secrets.put(engine, Set.copyOf(s)));
    return engine;
  }

  @Override
  public Session start(FrontEndResult config, Topology topology, long seed, double timeScale) {
    Topology effective = TopologyFromConfig.merge(Optional.of(topology), config.config(),
        topology.namespace(), new ArrayList<>()).orElse(topology);
    Optional<Set<String>> credentials = Optional.ofNullable(secrets.get(topology));
    RunOptions options = RunOptions.of(seed, timeScale);
    return new Session() {
      @Override
      public Outcome run(YamlMap checkTraffic) {
        return runCheck(config, effective, topology.namespace(), credentials, options, checkTraffic);
      }

      @Override
      public void close() {
        // each check closes its own engine session
      }
    };
  }

  private Outcome runCheck(FrontEndResult config, Topology topology, String namespace,
      Optional<Set<String>> credentials, RunOptions options, YamlMap checkTraffic) {
    List<Diagnostic> problems = new ArrayList<>();
    CaseLoader.Traffic traffic = loader.readTraffic(FILE, checkTraffic, namespace, problems);
    Optional<Diagnostic> error = problems.stream().filter(Diagnostic::isError).findFirst();
    if (error.isPresent()) {
      return new Outcome(false, "", List.of(), "the check's traffic is malformed (a pack problem): "
          + error.get().render());
    }
    Set<CaseRequest.Client> clients = new LinkedHashSet<>();
    clients.add(CaseRequest.Client.defaultIn(namespace));
    traffic.requests().stream().filter(r -> r.via().isMesh()).forEach(r -> clients.add(r.from()));
    traffic.distribution().filter(d -> d.template().via().isMesh()).ifPresent(d -> clients.add(d.template().from()));
    try (EngineSession session = EngineSession.start(config.config(), topology, credentials, options, clients)) {
      List<Verdict> verdicts = new ArrayList<>();
      List<Observation> failing = new ArrayList<>();
      List<Observation> passing = new ArrayList<>();
      List<Observation> all = new ArrayList<>();
      for (CaseRequest r : traffic.requests()) {
        List<Observation> copies = session.run(r, "r" + r.index());
        List<Verdict> v = CaseJudge.judgeRequest(r, copies);
        verdicts.addAll(v);
        (CaseJudge.allPassed(v) ? passing : failing).addAll(copies);
        all.addAll(copies);
      }
      traffic.totals().ifPresent(t -> verdicts.addAll(CaseJudge.judgeTotals(t, all)));
      Optional<DistributionCounts> counted = Optional.empty();
      if (traffic.distribution().isPresent()) {
        var d = traffic.distribution().get();
        List<Observation> obs = session.distribution(d, "d");
        Map<String, Long> counts = CaseJudge.countBy(d.by(), obs);
        List<Verdict> v = CaseJudge.judgeDistribution(d, counts);
        // The judge's own counts over every request: the traces below keep only a few samples.
        counted = Optional.of(DistributionCounts.of(d.by(), counts, d.expect(), d.tolerance()));
        verdicts.addAll(v);
        (CaseJudge.allPassed(v) ? passing : failing).addAll(obs.subList(0, Math.min(5, obs.size())));
      }
      boolean passed = !verdicts.isEmpty() && CaseJudge.allPassed(verdicts);
      List<String> why = verdicts.stream().filter(v -> !v.passed()).map(Verdict::message).toList();
      String evidence = String.join("; ", why.subList(0, Math.min(MAX_EVIDENCE, why.size())))
          + (why.size() > MAX_EVIDENCE ? " (and " + (why.size() - MAX_EVIDENCE) + " more)" : "");
      Set<Observation> traces = new LinkedHashSet<>(failing);
      traces.addAll(passing);
      return new Outcome(passed, evidence, traces.stream().limit(MAX_TRACES).toList(), "", counted);
    } catch (RuntimeException e) {
      return new Outcome(false, "", List.of(), "the traffic could not run: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }
}
