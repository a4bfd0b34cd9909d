package io.trafficlab.labs.grade;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Severity;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.labs.grade.GradeReport.MisconceptionHit;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.Exercise.Check;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Grades a submission (DESIGN §6): validate → compile → run every check's traffic → judge → report.
 * A configuration a cluster would reject (schema or webhook errors) is not run: the report has
 * status {@code error} and the diagnostics. The reference solution never enters the report.
 */
public final class Grader {

  /** How a grading run behaves. */
  public record Options(long seed, double timeScale) {
    public static final Options DEFAULT =
        new Options(io.trafficlab.engine.run.RunOptions.DEFAULT_SEED, io.trafficlab.engine.run.RunOptions.DEFAULT_TIME_SCALE);
  }

  private final ConfigFrontEnd frontEnd;
  private final TrafficLab lab;

  public Grader(ConfigFrontEnd frontEnd, TrafficLab lab) {
    this.frontEnd = frontEnd;
    this.lab = lab;
  }

  public GradeReport grade(Exercise ex, String submission, Options options, Clock clock) {
    long start = clock.nanos();
    List<Diagnostic> topologyProblems = new ArrayList<>();
    Topology topology = lab.topology(ex.topology(), topologyProblems);
    if (!topologyProblems.isEmpty()) {
      return error(ex, submission, new FrontEndResult(io.trafficlab.engine.config.model.ConfigSet.EMPTY, topologyProblems),
          "the exercise's topology is invalid (a pack problem, not yours): " + topologyProblems.get(0).render(),
          start, clock, false);
    }
    FrontEndResult fe = frontEnd.validate("submission.yaml", submission, topology.namespace(),
        Optional.of(topology));
    if (!fe.admissible()) {
      long errors = fe.diagnostics().stream()
          .filter(d -> d.severity() == Severity.ERROR && d.layer() != io.trafficlab.engine.config.diag.Layer.ANALYSIS)
          .count();
      return error(ex, submission, fe, "The configuration would be rejected by the cluster (" + errors + " error"
          + (errors == 1 ? "" : "s") + "), so no traffic was sent. Fix the errors marked in the editor and run again.",
          start, clock, true);
    }

    List<CheckResult> results = new ArrayList<>();
    try (TrafficLab.Session session = needsTraffic(ex) ? lab.start(fe, topology, options.seed(), options.timeScale()) : null) {
      for (Check c : ex.checks()) {
        results.add(c.staticRule().isPresent() ? judgeStatic(ex, c, fe)
            : Thread.currentThread().isInterrupted() ? stopped(c) : judgeTraffic(ex, c, session));
      }
    }
    int score = results.stream().mapToInt(CheckResult::points).sum();
    boolean allPass = results.stream().allMatch(r -> r.status() == CheckStatus.PASS);
    boolean allError = results.stream().allMatch(r -> r.status() == CheckStatus.ERROR);
    CheckStatus status = allPass ? CheckStatus.PASS : allError ? CheckStatus.ERROR : CheckStatus.FAIL;
    String message = allError && !results.isEmpty() ? results.get(0).message() : "";
    return new GradeReport(ex.ref(), status, score, ex.maxScore(), message, fe.diagnostics(), results,
        misconceptions(ex, submission, fe, results), ex.variantIndex(), elapsedMs(start, clock));
  }

  private static boolean needsTraffic(Exercise ex) {
    return ex.checks().stream().anyMatch(c -> c.staticRule().isEmpty());
  }

  private static CheckResult judgeStatic(Exercise ex, Check c, FrontEndResult fe) {
    String rule = c.staticRule().orElseThrow();
    List<Diagnostic> offending;
    if (rule.equals("valid")) {
      offending = fe.errors();
    } else if (rule.equals("no-warnings")) {
      offending = fe.diagnostics().stream().filter(d -> d.severity() != Severity.INFO).toList();
    } else {
      String code = rule.substring("no-diagnostic:".length());
      offending = fe.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
    }
    if (offending.isEmpty()) {
      return pass(c);
    }
    String evidence = offending.size() + " finding" + (offending.size() == 1 ? "" : "s") + ": "
        + offending.get(0).render() + (offending.size() > 1 ? " (and " + (offending.size() - 1) + " more)" : "");
    return fail(ex, c, evidence, List.of());
  }

  private CheckResult judgeTraffic(Exercise ex, Check c, TrafficLab.Session session) {
    TrafficLab.Outcome o = session.run(c.traffic());
    if (!o.error().isEmpty()) {
      return new CheckResult(c.id(), c.task(), c.title(), CheckStatus.ERROR, 0, c.points(),
          "Could not run this check: " + o.error(), "", o.traces(), o.distribution());
    }
    return o.passed() ? new CheckResult(c.id(), c.task(), c.title(), CheckStatus.PASS, c.points(),
        c.points(), "", "", o.traces(), o.distribution()) : fail(ex, c, o.evidence(), o.traces(), o.distribution());
  }

  /**
   * A traffic check not started because the grading thread was interrupted (the grading service's
   * deadline passed): starting pods for a run nobody waits for would only hold the grader longer.
   */
  private static CheckResult stopped(Check c) {
    return new CheckResult(c.id(), c.task(), c.title(), CheckStatus.ERROR, 0, c.points(),
        "Not run: the grading was stopped at its deadline.", "", List.of());
  }

  private static CheckResult pass(Check c) {
    return new CheckResult(c.id(), c.task(), c.title(), CheckStatus.PASS, c.points(), c.points(), "", "", List.of());
  }

  private static CheckResult fail(Exercise ex, Check c, String evidence, List<io.trafficlab.engine.cases.Observation> traces) {
    return fail(ex, c, evidence, traces, Optional.empty());
  }

  private static CheckResult fail(Exercise ex, Check c, String evidence, List<io.trafficlab.engine.cases.Observation> traces,
      Optional<DistributionCounts> distribution) {
    String message = c.failMessage().isEmpty() ? evidence
        : c.failMessage().contains("{evidence}") ? c.failMessage().replace("{evidence}", evidence)
        : c.failMessage() + " (" + evidence + ")";
    List<String> hints = ex.hints().getOrDefault(c.task(), List.of());
    return new CheckResult(c.id(), c.task(), c.title(), CheckStatus.FAIL, 0, c.points(), message,
        hints.isEmpty() ? "" : hints.get(0), traces, distribution);
  }

  private static List<MisconceptionHit> misconceptions(Exercise ex, String submission, FrontEndResult fe,
      List<CheckResult> results) {
    Set<String> failed = new HashSet<>();
    Set<String> passed = new HashSet<>();
    results.forEach(r -> (r.status() == CheckStatus.PASS ? passed : failed).add(r.id()));
    List<MisconceptionHit> hits = new ArrayList<>();
    for (Exercise.Misconception m : ex.misconceptions()) {
      if (Misconceptions.matches(m, submission, fe, failed, passed)) {
        hits.add(new MisconceptionHit(m.id(), m.title(), m.feedback()));
      }
    }
    return hits;
  }

  private static GradeReport error(Exercise ex, String submission, FrontEndResult fe, String message,
      long start, Clock clock, boolean judgeStatic) {
    // A static check is judged even here: "is the configuration valid?" has an answer (no).
    List<CheckResult> checks = ex.checks().stream().map(c -> judgeStatic && c.staticRule().isPresent() ? judgeStatic(ex, c, fe)
        : new CheckResult(c.id(), c.task(), c.title(), CheckStatus.ERROR, 0, c.points(), "Not run: " + message,
            "", List.of())).toList();
    return new GradeReport(ex.ref(), CheckStatus.ERROR, 0, ex.maxScore(), message, fe.diagnostics(), checks,
        misconceptions(ex, submission, fe, checks), ex.variantIndex(), elapsedMs(start, clock));
  }

  private static double elapsedMs(long start, Clock clock) {
    return (clock.nanos() - start) / 1_000_000.0;
  }

  /** Where grading time comes from (the wall clock in production, a fixed one in golden tests). */
  @FunctionalInterface
  public interface Clock {
    long nanos();

    Clock SYSTEM = System::nanoTime;
  }
}
