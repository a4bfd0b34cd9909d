package io.trafficlab.engine.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CaseJudgeTest {

  private static final CaseLoader LOADER = new CaseLoader();

  /** The one request of {@code requests: [<yaml>]}. */
  static CaseRequest request(String yaml) {
    CaseLoadResult r = LOADER.load("x.yaml", "requests:\n- " + yaml + "\n");
    assertThat(r.diagnostics()).extracting(Diagnostic::render).isEmpty();
    return r.caseFile().orElseThrow().requests().get(0);
  }

  static Stream<Arguments> perCopyCases() {
    return Stream.of(
        row("subset matches", "{host: r, expect: {subset: v2}}",
            List.of(Obs.pod("reviews", "v2").build()), true, "subset v2"),
        row("subset wrong in most copies", "{host: r, repeat: 50, expect: {subset: v2}}",
            concat(Obs.copies(48, Obs.pod("reviews", "v1").route("VirtualService default/reviews http[1] → reviews.default v1")),
                Obs.copies(2, Obs.pod("reviews", "v2"))), false,
            "expected subset v2, got v1 in 48/50 copies: status 200, route VirtualService default/reviews http[1] → reviews.default v1"),
        row("subset when no pod reached", "{host: r, expect: {subset: v3}}",
            List.of(Obs.local(503, "NC").build()), false,
            "expected subset v3, got no pod reached: status 503 NC, no route"),
        row("service by short name", "{host: r, expect: {service: reviews}}",
            List.of(Obs.pod("reviews", "v1").build()), true, "service reviews"),
        row("service by FQDN", "{host: r, expect: {service: reviews.default.svc.cluster.local}}",
            List.of(Obs.pod("reviews", "v1").build()), true, "service reviews.default.svc.cluster.local"),
        row("wrong service", "{host: r, expect: {service: ratings}}",
            List.of(Obs.pod("reviews", "v1").build()), false, "expected service ratings, got reviews"),
        row("pod label", "{host: r, repeat: 2, expect: {podLabels: {version: v2}}}",
            Obs.copies(2, Obs.pod("reviews", "v1")), false,
            "expected podLabels version=v2, got version=v1 in 2/2 copies"),
        row("status", "{host: r, expect: {status: 504}}",
            List.of(Obs.local(504, "UT").build()), true, "status 504"),
        row("wrong status", "{host: r, expect: {status: 200}}",
            List.of(Obs.local(404, "NR").build()), false, "expected status 200, got 404: status 404 NR, no route"),
        row("statusIn", "{host: r, repeat: 2, expect: {statusIn: [200, 503]}}",
            List.of(Obs.pod("reviews", "v1").build(), Obs.pod("reviews", "v1").status(503).build()),
            true, "statusIn one of [200, 503] in 2/2 copies"),
        row("statusIn fails", "{host: r, expect: {statusIn: [200, 503]}}",
            List.of(Obs.local(504, "UT").build()), false, "expected statusIn one of [200, 503], got 504"),
        row("response flag present", "{host: r, expect: {responseFlag: DI}}",
            List.of(Obs.pod("ratings", "v1").flag("DI").build()), true, "responseFlag DI"),
        row("response flag missing", "{host: r, expect: {responseFlag: FI}}",
            List.of(Obs.pod("ratings", "v1").build()), false, "expected responseFlag FI, got no flags"),
        row("response flag absent", "{host: r, expect: {responseFlagNot: DI}}",
            List.of(Obs.pod("ratings", "v1").flag("DI").build()), false,
            "expected responseFlagNot no DI, got flags DI"),
        row("every 503 carries the flag", "{host: r, concurrent: 3, expect: {responseFlagFor503: UO}}",
            List.of(Obs.pod("httpbin", "v1").build(), Obs.local(503, "UO").build(),
                Obs.local(503, "UO").build()), true, "all 2 responses with status 503 carry UO"),
        row("a 503 without the flag", "{host: r, concurrent: 3, expect: {responseFlagFor503: UO}}",
            List.of(Obs.pod("httpbin", "v1").build(), Obs.local(503, "UO").build(),
                Obs.local(503, "UH").build()), false, "expected every 503 to carry UO, 1 of 2 do not (flags UH)"),
        row("no 503 at all", "{host: r, concurrent: 2, expect: {responseFlagFor503: UO}}",
            Obs.copies(2, Obs.pod("httpbin", "v1")), true, "no 503 among 2 responses"),
        row("body", "{host: r, expect: {bodyContains: fault filter abort}}",
            List.of(Obs.local(500, "FI").body("fault filter abort").build()), true, "bodyContains"),
        row("body missing text", "{host: r, expect: {bodyContains: abort}}",
            List.of(Obs.pod("r", "v1").body("ok").build()), false, "got body \"ok\""),
        row("redirect", "{host: r, expect: {redirect: 'https://a/b'}}",
            List.of(Obs.local(301, "").responseHeader("location", "https://a/b").build()), true, "redirect https://a/b"),
        row("redirect missing", "{host: r, expect: {redirect: 'https://a/b'}}",
            List.of(Obs.pod("r", "v1").build()), false, "got no Location header (status 200)"),
        row("rewritten path", "{host: r, expect: {rewrittenPath: /v1/bookRatings/1}}",
            List.of(Obs.pod("ratings", "v1").path("/ratings/1").build()), false,
            "expected rewrittenPath /v1/bookRatings/1, got /ratings/1"),
        row("request header seen by pod", "{host: r, expect: {requestHeaders: {End-User: jason}}}",
            List.of(Obs.pod("r", "v1").requestHeader("end-user", "jason").build()), true, "requestHeaders end-user: jason"),
        row("request header absent", "{host: r, expect: {requestHeadersAbsent: [x-debug]}}",
            List.of(Obs.pod("r", "v1").requestHeader("x-debug", "1").build()), false, "got x-debug: 1"),
        row("response header", "{host: r, expect: {responseHeaders: {x-served-by: v2}}}",
            List.of(Obs.pod("r", "v1").build()), false, "got x-served-by: (absent)"),
        row("latency window", "{host: r, expect: {minLatencyMs: 500, maxLatencyMs: 700}}",
            List.of(Obs.local(504, "UT").latency(501).build()), true, "maxLatencyMs <= 700 ms"),
        row("too slow", "{host: r, expect: {maxLatencyMs: 1000}}",
            List.of(Obs.pod("r", "v1").latency(7000.5).build()), false, "expected maxLatencyMs <= 1000 ms, got 7000.5 ms"),
        row("no attempt", "{host: r, expect: {upstreamAttempts: 0}}",
            List.of(Obs.local(500, "FI").build()), true, "upstreamAttempts 0"),
        row("attempt range", "{host: r, expect: {upstreamAttempts: {min: 2, max: 3}}}",
            List.of(Obs.pod("r", "v1").attempts(1).build()), false, "expected upstreamAttempts 2..3, got 1"),
        row("mirror", "{host: r, expect: {mirroredTo: [{service: reviews, subset: v3}]}}",
            List.of(Obs.pod("reviews", "v1").mirror("reviews", "v3").build()), true, "a mirror to reviews subset v3"),
        row("mirror missing", "{host: r, expect: {mirroredTo: [reviews]}}",
            List.of(Obs.pod("reviews", "v1").build()), false, "got no mirror"),
        row("no mirror expected", "{host: r, expect: {mirroredTo: []}}",
            List.of(Obs.pod("reviews", "v1").mirror("reviews", "v3").build()), false, "got 1 mirror copies"),
        row("status counts of a concurrent group", "{host: r, concurrent: 3, expect: {statusCounts: {'200': 1, '503': 2}}}",
            List.of(Obs.pod("h", "v1").build(), Obs.local(503, "UO").build(), Obs.local(503, "UO").build()),
            true, "status 503 in 2 of 3 responses (expected 2)"),
        row("status counts off", "{host: r, concurrent: 3, expect: {statusCounts: {'503': {min: 1}}}}",
            Obs.copies(3, Obs.pod("h", "v1")), false,
            "expected status 503 >= 1 times, got 0 of 3 responses (200×3)"),
        row("no observation at all", "{host: r, expect: {status: 200}}", List.of(), false,
            "but there is no observation"));
  }

  private static Arguments row(String name, String request, List<Observation> obs, boolean pass,
      String message) {
    return Arguments.of(name, request, obs, pass, message);
  }

  private static List<Observation> concat(List<Observation> a, List<Observation> b) {
    List<Observation> l = new ArrayList<>(a);
    l.addAll(b);
    return l;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("perCopyCases")
  void requestExpectationsAreJudgedWithEvidence(String name, String request, List<Observation> obs,
      boolean pass, String message) {
    List<Verdict> verdicts = CaseJudge.judgeRequest(request(request), obs);

    assertThat(verdicts).isNotEmpty();
    Verdict last = verdicts.get(verdicts.size() - 1);
    assertThat(CaseJudge.allPassed(verdicts)).as(verdicts.toString()).isEqualTo(pass);
    Verdict shown = pass ? last : verdicts.stream().filter(v -> !v.passed()).findFirst().orElseThrow();
    assertThat(shown.message()).contains(message);
    assertThat(shown.subject()).isEqualTo("requests[0]");
    assertThat(shown.pos()).isNotNull();
  }

  @Test
  void eachExpectKeyGetsItsOwnVerdict() {
    CaseRequest r = request("{host: r, expect: {service: reviews, subset: v2, status: 200, podLabels: {version: v2, app: reviews}}}");

    List<Verdict> v = CaseJudge.judgeRequest(r, List.of(Obs.pod("reviews", "v2").build()));

    assertThat(v).extracting(Verdict::id).containsExactlyInAnyOrder("requests[0].service",
        "requests[0].subset", "requests[0].status", "requests[0].podLabels.version",
        "requests[0].podLabels.app");
    assertThat(v).allMatch(Verdict::passed);
  }

  static Stream<Arguments> distributionCases() {
    return Stream.of(
        Arguments.of("90/10 within tolerance", "{v1: 0.9, v2: 0.1}", 0.02,
            Map.of("v1", 9011L, "v2", 989L), true, "subset v2: 0.099 (989/10000), expected 0.100 ± 0.020"),
        Arguments.of("share off", "{v1: 0.9, v2: 0.1}", 0.02,
            Map.of("v1", 6900L, "v2", 3100L), false,
            "expected subset v1 at 0.900 ± 0.020, got 0.690 (6900/10000); observed: v1 0.690, v2 0.310"),
        Arguments.of("a key expected at zero gets traffic", "{v1: 1.0, v2: 0.0}", 0.0,
            Map.of("v1", 1999L, "v2", 1L), false, "expected subset v2 at 0.000 ± 0.000, got 0.001 (1/2000)"),
        Arguments.of("a key expected at zero and absent", "{v1: 1.0, v2: 0.0}", 0.0,
            Map.of("v1", 2000L), true, "subset v2: 0.000 (0/2000)"),
        Arguments.of("an unlisted key gets traffic", "{v1: 0.9, v2: 0.1}", 0.02,
            Map.of("v1", 800L, "v2", 100L, "v3", 100L), false, "v3 is not listed in expect, so it should get none"),
        Arguments.of("nothing counted", "{v1: 1.0}", 0.02, Map.of(), false, "no request was counted"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("distributionCases")
  void distributionSharesAreJudgedWithinTolerance(String name, String expect, double tolerance,
      Map<String, Long> counts, boolean pass, String message) {
    Distribution d = LOADER.load("x.yaml", "distribution: {requests: 10, host: r, by: subset, tolerance: "
        + tolerance + ", expect: " + expect + "}\n").caseFile().orElseThrow().distribution().orElseThrow();

    List<Verdict> v = CaseJudge.judgeDistribution(d, counts);

    assertThat(CaseJudge.allPassed(v)).as(v.toString()).isEqualTo(pass);
    assertThat(v).extracting(Verdict::message).anySatisfy(m -> assertThat(m).contains(message));
  }

  @Test
  void distributionKeysComeFromTheObservation() {
    Observation v2 = Obs.pod("reviews", "v2").build();
    Observation noSubset = Obs.pod("reviews", "v3").subset(null).build();
    Observation local = Obs.local(503, "NC").build();

    assertThat(CaseJudge.distributionKey("subset", v2)).isEqualTo("v2");
    assertThat(CaseJudge.distributionKey("subset", noSubset)).isEqualTo("(none)");
    assertThat(CaseJudge.distributionKey("version", noSubset)).isEqualTo("v3");
    assertThat(CaseJudge.distributionKey("service", v2)).isEqualTo("reviews");
    assertThat(CaseJudge.distributionKey("status", local)).isEqualTo("503");
    assertThat(CaseJudge.distributionKey("subset", local)).isEqualTo("(no pod)");
    assertThat(CaseJudge.countBy("version", List.of(v2, v2, noSubset)))
        .containsExactly(Map.entry("v2", 2L), Map.entry("v3", 1L));
  }

  @Test
  void totalsCountEveryCopyOfEveryRequestButNotTheDistribution() {
    CaseFile c = LOADER.load("x.yaml", """
        requests:
        - {host: r, repeat: 2, expect: {statusIn: [200, 503]}}
        - {host: r, repeat: 3, expect: {status: 200}}
        distribution: {requests: 10, host: r, by: status, expect: {"200": 1.0}}
        totals:
          statusCounts: {"503": 1, "200": {min: 4}}
        """).caseFile().orElseThrow();
    List<List<Observation>> per = List.of(
        List.of(Obs.local(503, "UF").build(), Obs.pod("r", "v2").build()),
        Obs.copies(3, Obs.pod("r", "v2")));

    List<Verdict> v = CaseJudge.judge(c, per, Map.of("200", 10L));

    assertThat(v).filteredOn(x -> x.subject().equals("totals")).extracting(Verdict::message)
        .containsExactly("status 503 in 1 of 5 responses (expected 1)",
            "status 200 in 4 of 5 responses (expected >= 4)");
    assertThat(v).filteredOn(x -> x.subject().equals("distribution")).hasSize(1);
    assertThat(CaseJudge.allPassed(v)).isTrue();
  }

  @Test
  void totalsFailWithTheObservedMix() {
    Totals t = new Totals(new SourcePos("x.yaml", 9, 1), Map.of(503, IntRange.exactly(1)));

    List<Verdict> v = CaseJudge.judgeTotals(t, Obs.copies(3, Obs.local(503, "UH")));

    assertThat(v).singleElement().satisfies(x -> {
      assertThat(x.passed()).isFalse();
      assertThat(x.message()).isEqualTo("expected status 503 1 times, got 3 of 3 responses (503×3)");
      assertThat(x.pos().line()).isEqualTo(9);
    });
  }

  // ---- validation ----

  private static ValidationSpec validation(String yaml) {
    return LOADER.load("x.yaml", "validation: " + yaml + "\n").caseFile().orElseThrow()
        .validation().orElseThrow();
  }

  private static Diagnostic error(String code, String message, String path, String hint) {
    return new Diagnostic(DiagnosticCode.TL1001.severity(), code, message, "x.yaml", 12, 7, path, "",
        hint, DiagnosticCode.TL1001.layer());
  }

  @Test
  void validationNeedlesIgnoreCaseSpacesDashesAndUnderscores() {
    ValidationSpec v = validation(
        "{valid: false, errorContains: ['circuit_breaker', 'short|fqdn', 'Retry-On'], didYouMean: [connectionPool]}");
    List<Diagnostic> ds = List.of(
        error("TL1001", "unknown field \"circuitBreaker\" in trafficPolicy",
            "spec.trafficPolicy.circuitBreaker", "did you mean connectionPool or outlierDetection?"),
        error("TL2001", "host must be a fully qualified domain name (FQDN)", "spec.servers[0].hosts[0]", ""),
        error("TL2001", "\"timeout\" is not a valid retryOn policy", "spec.http[0].retries.retryOn", ""));

    List<Verdict> verdicts = ValidationJudge.judge(v, ds);

    assertThat(verdicts).extracting(Verdict::check).containsExactly("valid", "errorContains[0]",
        "errorContains[1]", "errorContains[2]", "didYouMean[0]");
    assertThat(verdicts).allSatisfy(x -> assertThat(x.passed()).as(x.message()).isTrue());
    assertThat(verdicts.get(1).message())
        .isEqualTo("\"circuit_breaker\" found in TL1001 at 12:7: unknown field \"circuitBreaker\" in trafficPolicy");
  }

  @Test
  void validationFailsWhenNothingMentionsTheNeedle() {
    ValidationSpec v = validation("{valid: false, errorContains: [weight], warningContains: [deprecated]}");

    List<Verdict> verdicts = ValidationJudge.judge(v, List.of());

    assertThat(verdicts).extracting(Verdict::passed).containsExactly(false, false, false);
    assertThat(verdicts).extracting(Verdict::message).containsExactly(
        "expected invalid, got valid", "no error mentions \"weight\" (no errors)",
        "no warning mentions \"deprecated\" (no warnings)");
    assertThat(verdicts.get(1).pos().line()).isEqualTo(1);
  }

  @Test
  void warningsDoNotMakeAConfigInvalid() {
    ValidationSpec v = validation("{valid: true}");
    Diagnostic warning = error("IST0174", "host not found", "", "").withSeverity(
        io.trafficlab.engine.config.diag.Severity.WARNING);

    List<Verdict> verdicts = ValidationJudge.judge(v, List.of(warning));

    assertThat(verdicts).singleElement().satisfies(x -> {
      assertThat(x.passed()).isTrue();
      assertThat(x.message()).isEqualTo("valid (1 warning)");
    });
  }

  @Test
  void analyzerCodesMustBeReported() {
    List<Verdict> v = ValidationJudge.judgeAnalyzer(List.of("IST0101", "IST0173"),
        List.of(error("IST0101", "Referenced host+subset in destinationrule not found: \"reviews+v3\"", "", "")));

    assertThat(v).extracting(Verdict::passed).containsExactly(true, false);
    assertThat(v).extracting(Verdict::id).containsExactly("analyzer[0]", "analyzer[1]");
    assertThat(v.get(1).message()).startsWith("expected IST0173 to be reported, got IST0101 Referenced");
  }

  @Test
  void analyzerVerdictsPointAtTheCodesAsWritten() {
    CaseFile c = new CaseLoader().load("a.yaml", "analyzer: [IST0101, IST0173]\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).caseFile().orElseThrow();

    List<Verdict> v = ValidationJudge.judgeAnalyzer(c.analyzer(), c.analyzerPositions(), List.of());

    assertThat(v).extracting(x -> x.pos().line() + ":" + x.pos().column())
        .containsExactly("1:12", "1:21");
  }
}
