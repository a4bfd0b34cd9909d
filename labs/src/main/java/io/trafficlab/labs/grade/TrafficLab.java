package io.trafficlab.labs.grade;

import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.topology.Topology;
import java.util.List;
import java.util.Optional;

/**
 * The grader's door to the engine: reads a case-format topology and runs check traffic through the
 * real data plane. Kept as an interface so the grader's own logic (scoring, hints, misconceptions)
 * is pure and tested without sockets.
 */
public interface TrafficLab {

  /** Reads an exercise's {@code topology} mapping (case vocabulary); problems go to {@code out}. */
  Topology topology(YamlMap topology, List<Diagnostic> out);

  /** Starts pods and proxies for a configuration a cluster would accept. */
  Session start(FrontEndResult config, Topology topology, long seed, double timeScale);

  /** A running topology; closing it stops every pod and listener. */
  interface Session extends AutoCloseable {
    /** Runs a check's {@code requests}/{@code distribution}/{@code totals} and judges them. */
    Outcome run(YamlMap checkTraffic);

    @Override
    void close();
  }

  /**
   * A judged check run.
   *
   * @param evidence what was observed when it failed, in words ("5/5 requests reached v1 ...")
   * @param traces   sample observations, failing ones first
   * @param error    set when the traffic could not be run at all (e.g. a malformed request in the
   *                 check, or the run's deadline); the check is then ERROR, not FAIL
   * @param distribution what the check's {@code distribution} block counted over all its requests;
   *                 empty when it has none or it did not run
   */
  record Outcome(boolean passed, String evidence, List<Observation> traces, String error,
      Optional<DistributionCounts> distribution) {
    public Outcome {
      traces = List.copyOf(traces);
      error = error == null ? "" : error;
      distribution = distribution == null ? Optional.empty() : distribution;
    }

    /** An outcome without distribution counts. */
    public Outcome(boolean passed, String evidence, List<Observation> traces, String error) {
      this(passed, evidence, traces, error, Optional.empty());
    }
  }
}
