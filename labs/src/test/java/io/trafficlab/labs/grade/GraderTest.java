package io.trafficlab.labs.grade;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.PackLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GraderTest {

  static Exercise exercise() {
    var src = new PackLoader().load(Path.of("src/test/resources/packs/test-pack")).pack()
        .exercise("header-canary").orElseThrow();
    return new ExerciseParser().parse("test-pack", src, 0).exercise();
  }

  /** A lab whose checks pass or fail as the test says, recording what it was asked to run. */
  static final class FakeLab implements TrafficLab {
    final Function<YamlMap, Outcome> verdicts;
    final List<String> ran = new ArrayList<>();
    int started;
    int closed;

    FakeLab(Function<YamlMap, Outcome> verdicts) {
      this.verdicts = verdicts;
    }

    @Override
    public Topology topology(YamlMap topology, List<Diagnostic> out) {
      return new Topology("default", List.of(), List.of(new ServiceDef("shop", "default",
          List.of(new ServicePort(8080, "http")), List.of(
              new PodDef("shop-v1-0", "default", "shop", Map.of("app", "shop", "version", "v1"), null),
              new PodDef("shop-v2-0", "default", "shop", Map.of("app", "shop", "version", "v2"), null)))));
    }

    @Override
    public Session start(FrontEndResult config, Topology topology, long seed, double timeScale) {
      started++;
      return new Session() {
        @Override
        public Outcome run(YamlMap traffic) {
          ran.add(traffic.string("id").orElse("?"));
          return verdicts.apply(traffic);
        }

        @Override
        public void close() {
          closed++;
        }
      };
    }
  }

  static final Grader.Clock FIXED = () -> 0L;
  static final String VALID = """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: shop}
      spec: {hosts: [shop], http: [{route: [{destination: {host: shop}}]}]}
      """;

  static Observation obs(String subset) {
    return new Observation(200, List.of(), "", Map.of(), null, 1, List.of(), 1.0, "route " + subset);
  }

  @Test
  void partialCreditAddsThePointsOfPassingChecksAndHintsTheFailingTask() {
    FakeLab lab = new FakeLab(t -> t.string("id").orElse("").equals("canary-to-v2")
        ? new TrafficLab.Outcome(false, "5/5 requests reached v1", List.of(obs("v1")), "")
        : new TrafficLab.Outcome(true, "", List.of(obs("v1")), ""));

    GradeReport r = new Grader(new ConfigFrontEnd(), lab).grade(exercise(), VALID, Grader.Options.DEFAULT, FIXED);

    assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(r.score()).isEqualTo(3);
    assertThat(r.maxScore()).isEqualTo(6);
    assertThat(r.checks()).extracting(CheckResult::status)
        .containsExactly(CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.PASS);
    CheckResult failed = r.checks().get(1);
    assertThat(failed.message()).isEqualTo("Requests with x-canary: on did not reach v2: 5/5 requests reached v1");
    assertThat(failed.hint()).isEqualTo("Put the header match first, the catch-all route last.");
    assertThat(failed.traces()).hasSize(1);
    assertThat(lab.ran).containsExactly("canary-to-v2", "others-to-v1");
    assertThat(lab.started).isEqualTo(1);
    assertThat(lab.closed).isEqualTo(1);
  }

  @Test
  void aRejectedConfigurationIsAnErrorWithDiagnosticsNoTrafficAndAFailedStaticCheck() {
    FakeLab lab = new FakeLab(t -> new TrafficLab.Outcome(true, "", List.of(), ""));

    GradeReport r = new Grader(new ConfigFrontEnd(), lab)
        .grade(exercise(), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", Grader.Options.DEFAULT, FIXED);

    assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(r.score()).isZero();
    assertThat(r.message()).contains("would be rejected by the cluster (1 error)");
    assertThat(r.diagnostics()).extracting(Diagnostic::code).contains("TL0103");
    assertThat(r.checks()).extracting(CheckResult::id, CheckResult::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("valid", CheckStatus.FAIL),
        org.assertj.core.groups.Tuple.tuple("canary-to-v2", CheckStatus.ERROR),
        org.assertj.core.groups.Tuple.tuple("others-to-v1", CheckStatus.ERROR));
    assertThat(r.checks().get(0).message()).contains("TL0103");
    assertThat(r.checks().get(1).message()).startsWith("Not run: ");
    assertThat(lab.started).isZero();
  }

  @Test
  void misconceptionsAreRecognisedByPattern() {
    FakeLab lab = new FakeLab(t -> new TrafficLab.Outcome(false, "no", List.of(), ""));
    String upper = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop}
        spec:
          hosts: [shop]
          http:
          - match:
            - headers:
                X-Canary:
                  exact: "on"
            route: [{destination: {host: shop, subset: v2}}]
        """;

    GradeReport r = new Grader(new ConfigFrontEnd(), lab).grade(exercise(), upper, Grader.Options.DEFAULT, FIXED);

    assertThat(r.misconceptions()).extracting(GradeReport.MisconceptionHit::id)
        .containsExactly("header-upper-case", "v2-subset-missing");
  }

  @Test
  void aCheckThatCannotRunIsAnErrorNotAFailure() {
    FakeLab lab = new FakeLab(t -> new TrafficLab.Outcome(false, "", List.of(), "the run passed its deadline"));

    GradeReport r = new Grader(new ConfigFrontEnd(), lab).grade(exercise(), VALID, Grader.Options.DEFAULT, FIXED);

    assertThat(r.checks().get(1).status()).isEqualTo(CheckStatus.ERROR);
    assertThat(r.checks().get(1).message()).isEqualTo("Could not run this check: the run passed its deadline");
    assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void anInterruptedGradingRunsNoFurtherTrafficChecks() {
    FakeLab lab = new FakeLab(t -> {
      // the grading service's deadline interrupts the worker during the first traffic check
      Thread.currentThread().interrupt();
      return new TrafficLab.Outcome(false, "", List.of(), "interrupted while waiting for traffic");
    });

    GradeReport r;
    try {
      r = new Grader(new ConfigFrontEnd(), lab).grade(exercise(), VALID, Grader.Options.DEFAULT, FIXED);
    } finally {
      Thread.interrupted();
    }

    assertThat(lab.ran).containsExactly("canary-to-v2");
    assertThat(r.checks()).extracting(CheckResult::status)
        .containsExactly(CheckStatus.PASS, CheckStatus.ERROR, CheckStatus.ERROR);
    assertThat(r.checks().get(2).message()).isEqualTo("Not run: the grading was stopped at its deadline.");
    assertThat(lab.closed).isEqualTo(1);
  }

  @Test
  void theReportNeverContainsTheReferenceSolution() {
    FakeLab lab = new FakeLab(t -> new TrafficLab.Outcome(false, "nope", List.of(), ""));
    Exercise ex = exercise();

    GradeReport r = new Grader(new ConfigFrontEnd(), lab).grade(ex, VALID, Grader.Options.DEFAULT, FIXED);

    assertThat(r.toString()).doesNotContain(ex.solution().strip());
  }

  static Exercise exerciseWith(String misconceptions) {
    String yaml = """
        id: e
        title: E
        lesson: l
        topology: {namespace: default, services: []}
        tasks: [one]
        checks:
          - {id: a, task: 1, points: 1, title: A, requests: [{via: mesh, host: shop, expect: {status: 200}}]}
          - {id: b, task: 1, points: 1, title: B, requests: [{via: mesh, host: shop, expect: {status: 200}}]}
        misconceptions:
        """ + misconceptions;
    var src = new io.trafficlab.labs.pack.ExerciseSource("e", "/e", yaml, "", "", "", Map.of(), List.of());
    var parsed = new ExerciseParser().parse("p", src, 0);
    assertThat(parsed.problems().list()).isEmpty();
    return parsed.exercise();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "{failedChecks: [a]}                         | true",
      "{failedChecks: [a, b]}                      | false",
      "{failedChecks: [a], passedChecks: [b]}      | true",
      "{passedChecks: [a]}                         | false",
      "{failedChecks: [a], pattern: 'host: shop'}  | false",
      "{failedChecks: [a], pattern: 'hosts: \\[shop'} | true",
      "{diagnostic: TL3102}                        | false",
      "{failedChecks: [a], diagnostic: 'IST0101 ghost'} | true",
      "{failedChecks: [a], diagnostic: 'IST0101 reviews'} | false"})
  void aMisconceptionIsRecognisedWhenEveryDetectConditionHolds(String detect, boolean recognised) {
    Exercise ex = exerciseWith("  - {id: m, feedback: f, detect: " + detect + "}\n");
    FakeLab lab = new FakeLab(t -> new TrafficLab.Outcome(t.string("id").orElse("").equals("b"), "no", List.of(), ""));
    String submission = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop}
        spec: {hosts: [shop], http: [{route: [{destination: {host: ghost}}]}]}
        """;

    GradeReport r = new Grader(new ConfigFrontEnd(), lab).grade(ex, submission, Grader.Options.DEFAULT, FIXED);

    assertThat(r.misconceptions()).hasSize(recognised ? 1 : 0);
  }

  @Test
  void theFullDistributionCountsOfTheLabReachTheCheckResultWhetherItPassedFailedOrCouldNotRun() {
    DistributionCounts counts = DistributionCounts.of("subset", Map.of("v1", 900L, "v2", 100L), Map.of("v1", 0.9), 0.02);
    for (String verdict : List.of("pass", "fail", "error")) {
      FakeLab lab = new FakeLab(t -> new TrafficLab.Outcome(verdict.equals("pass"), "evidence", List.of(obs("v1")),
          verdict.equals("error") ? "stopped" : "", java.util.Optional.of(counts)));

      GradeReport r = new Grader(new ConfigFrontEnd(), lab).grade(exercise(), VALID, Grader.Options.DEFAULT, FIXED);

      CheckResult traffic = r.checks().get(1);
      assertThat(traffic.status().wireName()).isEqualTo(verdict);
      assertThat(traffic.distribution()).as(verdict).contains(counts);
      assertThat(counts.requests()).isEqualTo(1000);
      assertThat(r.checks().get(0).distribution()).as("a static check has none").isEmpty();
    }
  }
}
