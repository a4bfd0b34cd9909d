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
import io.trafficlab.labs.grade.TrafficLab;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TrafficLab} over the real data plane: an exercise's {@code topology} is read like a case
 * file's, a session starts the pods and proxies once per grading, and each check's
 * {@code requests}/{@code distribution}/{@code totals} run through it and are judged like a case's
 * expectations. Check runs are keyed by their order in the session, so a seeded grading picks the
 * same way every time.
 */
public final class EngineTrafficLab implements TrafficLab {
  /** Traces kept per check: failing observations first. */
  static final int MAX_TRACES = 10;
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
    EngineSession session = EngineSession.start(config.config(), effective,
        Optional.ofNullable(secrets.get(topology)), RunOptions.of(seed, timeScale),
        List.of(CaseRequest.Client.defaultIn(topology.namespace())));
    return new EngineLabSession(session, topology.namespace());
  }

  /** One grading's running topology. */
  private final class EngineLabSession implements Session {
    private final EngineSession session;
    private final String namespace;
    private int runs;

    EngineLabSession(EngineSession session, String namespace) {
      this.session = session;
      this.namespace = namespace;
    }

    @Override
    public Outcome run(YamlMap checkTraffic) {
      String key = "c" + (runs++);
      List<Diagnostic> problems = new ArrayList<>();
      CaseLoader.Traffic traffic = loader.readTraffic(FILE, checkTraffic, namespace, problems);
      Optional<Diagnostic> error = problems.stream().filter(Diagnostic::isError).findFirst();
      if (error.isPresent()) {
        return new Outcome(false, "", List.of(), "the check's traffic is malformed (a pack "
            + "problem): " + error.get().render());
      }
      try {
        List<Verdict> verdicts = new ArrayList<>();
        List<Observation> failing = new ArrayList<>();
        List<Observation> passing = new ArrayList<>();
        List<Observation> all = new ArrayList<>();
        for (CaseRequest r : traffic.requests()) {
          List<Observation> copies = session.run(r, key + ".r" + r.index());
          List<Verdict> v = CaseJudge.judgeRequest(r, copies);
          verdicts.addAll(v);
          (CaseJudge.allPassed(v) ? passing : failing).addAll(copies);
          all.addAll(copies);
        }
        traffic.totals().ifPresent(t -> verdicts.addAll(CaseJudge.judgeTotals(t, all)));
        if (traffic.distribution().isPresent()) {
          var d = traffic.distribution().get();
          List<Observation> obs = session.distribution(d, key + ".d");
          List<Verdict> v = CaseJudge.judgeDistribution(d, CaseJudge.countBy(d.by(), obs));
          verdicts.addAll(v);
          (CaseJudge.allPassed(v) ? passing : failing).addAll(obs.subList(0, Math.min(5, obs.size())));
        }
        boolean passed = !verdicts.isEmpty() && CaseJudge.allPassed(verdicts);
        List<String> why = verdicts.stream().filter(v -> !v.passed())
            .map(v -> v.subject() + " " + v.message()).toList();
        String evidence = why.isEmpty() ? "" : String.join("; ", why.subList(0, Math.min(3,
            why.size()))) + (why.size() > 3 ? " (and " + (why.size() - 3) + " more)" : "");
        Set<Observation> traces = new LinkedHashSet<>(failing);
        traces.addAll(passing);
        return new Outcome(passed, evidence,
            traces.stream().limit(MAX_TRACES).toList(), "");
      } catch (RuntimeException e) {
        return new Outcome(false, "", List.of(), "the traffic could not run: " + e.getMessage());
      }
    }

    @Override
    public void close() {
      session.close();
    }
  }
}
