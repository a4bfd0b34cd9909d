package io.trafficlab.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trafficlab.web.TestApp;
import io.trafficlab.web.account.Role;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.pack.PackSettings;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String YAML = "application/yaml";
  static final String GRADE = "/api/v1/exercises/test-pack/header-canary/grade";
  static final String VALID = """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: shop}
      spec: {hosts: [shop], http: [{route: [{destination: {host: shop}}]}]}
      """;
  static final String SCHEMA_ERROR = """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: shop}
      spec:
        hosts: [shop]
        http:
          - route:
              - destination: {host: shop}
                weight: lots
      """;
  static TestApp t;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    t = TestApp.start();
    token = t.instructorToken();
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    return JSON.readTree(r.body());
  }

  static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode n = json(r);
    assertThat(n.path("status").asInt()).isEqualTo(status);
    assertThat(n.path("code").asText()).isEqualTo(code);
    assertThat(n.path("message").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void validateAnswersValidWithNoDiagnosticsForAGoodConfig() throws Exception {
    HttpResponse<String> r = t.post("/api/v1/validate", YAML, VALID);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).toString()).isEqualTo("{\"valid\":true,\"diagnostics\":[]}");
  }

  @Test
  void validateReportsDiagnosticsInTheCliJsonShape() throws Exception {
    JsonNode n = json(t.post("/api/v1/validate?namespace=shop", YAML, SCHEMA_ERROR));

    assertThat(n.path("valid").asBoolean()).isFalse();
    JsonNode d = n.path("diagnostics").get(0);
    assertThat(d.path("severity").asText()).isEqualTo("error");
    assertThat(d.path("file").asText()).isEqualTo("submission.yaml");
    assertThat(d.path("line").asInt()).isEqualTo(9);
    assertThat(d.path("path").asText()).isEqualTo("spec.http[0].route[0].weight");
    assertThat(d.path("resource").asText()).isEqualTo("VirtualService shop/shop");
    assertThat(d.fieldNames()).toIterable().contains("severity", "code", "message", "file", "line", "column",
        "path", "resource", "hint", "layer");
  }

  @Test
  void validateAcceptsTheYamlInAJsonObject() throws Exception {
    String body = JSON.createObjectNode().put("yaml", VALID).toString();

    assertThat(json(t.post("/api/v1/validate", "application/json; charset=utf-8", body)).path("valid").asBoolean())
        .isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/json | {\"yaml\": 3}     | 400 | bad_json",
      "application/json | {not json         | 400 | bad_json",
      "application/yaml | 'a: [1, 2'        | 400 | bad_yaml",
      "application/yaml | ''                | 400 | empty_body",
      "application/x-www-form-urlencoded | a=b | 415 | unsupported_media_type",
      "image/png        | x                 | 415 | unsupported_media_type",
  })
  void validateRefusesBadRequestsWithAJsonError(String type, String body, int status, String code) throws Exception {
    assertError(t.post("/api/v1/validate", type, body), status, code);
  }

  @Test
  void validateWithoutAContentTypeIsA415ThatSaysWhatToSend() throws Exception {
    HttpResponse<String> r = t.post("/api/v1/validate", null, VALID);

    assertError(r, 415, "unsupported_media_type");
    assertThat(json(r).path("message").asText()).contains("Content-Type: application/yaml");
  }

  @Test
  void badYamlCarriesTheLoaderDiagnosticsWithPositions() throws Exception {
    JsonNode n = json(t.post("/api/v1/validate", YAML, "a: 1\nb: [1, 2\n"));

    assertThat(n.path("valid").asBoolean()).isFalse();
    assertThat(n.path("diagnostics").get(0).path("line").asInt()).isPositive();
  }

  @Test
  void aSubmissionOverTheSizeLimitIsA413BeforeParsing() throws Exception {
    String big = "# " + "x".repeat(300 * 1024) + "\n";

    assertError(t.post("/api/v1/validate", YAML, big), 413, "too_large");
    assertError(t.post(GRADE, YAML, big), 413, "too_large");
  }

  @Test
  void aBodyOverTheServersRequestLimitIsA413Too() throws Exception {
    assertError(t.post("/api/v1/validate", YAML, "x".repeat(2 * 1024 * 1024)), 413, "too_large");
  }

  @Test
  void aBadNamespaceIsA400() throws Exception {
    assertError(t.post("/api/v1/validate?namespace=Not_A_Label", YAML, VALID), 400, "bad_parameter");
  }

  @Test
  void anonymousGradingReturnsTheReportAndSavesNothing() throws Exception {
    long before = new AttemptRepository(t.db.dataSource()).count();

    HttpResponse<String> r = t.post(GRADE, YAML, VALID);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode n = json(r);
    assertThat(n.path("exercise").asText()).isEqualTo("test-pack/header-canary");
    assertThat(n.path("status").asText()).isEqualTo("pass");
    assertThat(n.path("score").asInt()).isEqualTo(6);
    assertThat(n.path("maxScore").asInt()).isEqualTo(6);
    assertThat(n.path("checks")).hasSize(3);
    assertThat(n.has("attempt")).isFalse();
    assertThat(new AttemptRepository(t.db.dataSource()).count()).isEqualTo(before);
  }

  @Test
  void gradingWithATokenAndALearnerSavesTheAttemptUnderThatLearner() throws Exception {
    HttpResponse<String> r = t.post(GRADE + "?learner=moodle:42&variant=1&seed=7", YAML, VALID,
        "Authorization", "Bearer " + token);

    JsonNode n = json(r);
    String id = n.path("attempt").path("id").asText();
    assertThat(id).hasSize(10);
    assertThat(n.path("attempt").path("permalink").asText()).isEqualTo("/attempts/" + id);
    assertThat(n.path("variant").asInt()).isEqualTo(1);
    assertThat(r.headers().firstValue("Location")).contains("/api/v1/attempts/" + id);
    var saved = new AttemptRepository(t.db.dataSource()).find(id).orElseThrow();
    assertThat(saved.learnerRef()).isEqualTo("moodle:42");
    assertThat(saved.userId()).isNull();
    assertThat(saved.variant()).isEqualTo(1);
    assertThat(saved.submission()).isEqualTo(VALID);

    JsonNode read = json(t.get("/api/v1/attempts/" + id, "Authorization", "Bearer " + token));
    assertThat(read.path("learner").asText()).isEqualTo("moodle:42");
    assertThat(read.path("submission").asText()).isEqualTo(VALID);
    assertThat(read.path("report").path("score").asInt()).isEqualTo(6);
    assertThat(json(t.get("/api/v1/attempts/" + id + "?format=exercism", "Authorization", "Bearer " + token))
        .path("version").asInt()).isEqualTo(3);
  }

  @Test
  void theLearnerMayComeInAHeader() throws Exception {
    JsonNode n = json(t.post(GRADE, YAML, VALID, "Authorization", "Bearer " + token, "X-Learner-Id", "ci-runner"));

    assertThat(n.path("attempt").path("learner").asText()).isEqualTo("ci-runner");
  }

  @Test
  void gradingAnswersInExercismAndGradescopeForms() throws Exception {
    JsonNode ex = json(t.post(GRADE + "?format=exercism", YAML, VALID));
    JsonNode gs = json(t.post(GRADE + "?format=gradescope", YAML, VALID));

    assertThat(ex.path("version").asInt()).isEqualTo(3);
    assertThat(ex.path("tests")).hasSize(3);
    assertThat(gs.path("score").asDouble()).isEqualTo(6.0);
    assertThat(gs.path("tests")).hasSize(3);
  }

  @Test
  void aConfigTheClusterWouldRejectIsGradedAsAnErrorReportNotAnHttpError() throws Exception {
    HttpResponse<String> r = t.post(GRADE, YAML, SCHEMA_ERROR);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("status").asText()).isEqualTo("error");
    assertThat(json(r).path("diagnostics")).isNotEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/api/v1/exercises/test-pack/nope/grade              | 404 | unknown_exercise",
      "/api/v1/exercises/nope/header-canary/grade          | 404 | unknown_exercise",
      "/api/v1/exercises/test-pack/header-canary/grade?variant=2   | 400 | bad_parameter",
      "/api/v1/exercises/test-pack/header-canary/grade?variant=-1  | 400 | bad_parameter",
      "/api/v1/exercises/test-pack/header-canary/grade?variant=one | 400 | bad_parameter",
      "/api/v1/exercises/test-pack/header-canary/grade?seed=x      | 400 | bad_parameter",
      "/api/v1/exercises/test-pack/header-canary/grade?format=xml  | 400 | bad_parameter",
      "/api/v1/exercises/test-pack/header-canary/grade?learner=a%20b | 400 | bad_parameter",
      "/api/v1/nothing-here                                | 404 | not_found",
  })
  void gradeRefusesBadRequestsWithAJsonError(String path, int status, String code) throws Exception {
    assertError(t.post(path, YAML, VALID, "Authorization", "Bearer " + token), status, code);
  }

  @Test
  void aWrongOrMalformedTokenIsA401WithAChallenge() throws Exception {
    HttpResponse<String> wrong = t.post(GRADE, YAML, VALID, "Authorization", "Bearer tlk_wrong");
    HttpResponse<String> basic = t.post(GRADE, YAML, VALID, "Authorization", "Basic YTpi");

    assertError(wrong, 401, "unauthorized");
    assertError(basic, 401, "unauthorized");
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void savingUnderALearnerOrReadingAnAttemptNeedsAToken() throws Exception {
    assertError(t.post(GRADE + "?learner=someone", YAML, VALID), 401, "unauthorized");
    assertError(t.get("/api/v1/attempts/abcdefghij"), 401, "unauthorized");
    assertError(t.get("/api/v1/attempts/abcdefghij", "Authorization", "Bearer " + token), 404, "unknown_attempt");
  }

  @Test
  void aTokenWhoseOwnerIsNoLongerAnInstructorIsA403AndARevokedOneA401() throws Exception {
    var owner = t.user("demoted@example.com", "Demoted", Role.INSTRUCTOR);
    ApiTokens tokens = new ApiTokens(t.db.dataSource(), Clock.systemUTC());
    ApiTokens.Created demotedToken = tokens.create("old", owner.id());
    ApiTokens.Created revoked = tokens.create("revoked", owner.id());
    tokens.revoke(revoked.id());
    new UserRepository(t.db.dataSource()).setRole(owner.id(), Role.LEARNER);

    assertError(t.post(GRADE, YAML, VALID, "Authorization", "Bearer " + demotedToken.secret()), 403, "forbidden");
    assertError(t.post(GRADE, YAML, VALID, "Authorization", "Bearer " + revoked.secret()), 401, "unauthorized");
  }

  @Test
  void aDisabledPackIsA404ForTheApi() throws Exception {
    PackSettings settings = new PackSettings(t.db.dataSource(), Clock.systemUTC());
    settings.setEnabled("test-pack", false);
    try {
      assertError(t.post(GRADE, YAML, VALID), 404, "unknown_exercise");
    } finally {
      settings.setEnabled("test-pack", true);
    }
    assertThat(t.post(GRADE, YAML, VALID).statusCode()).isEqualTo(200);
  }

  @Test
  void healthzPingsTheDatabase() throws Exception {
    HttpResponse<String> r = t.get("/healthz");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void metricsExposeGradingsTheQueueAndTheJvmInPrometheusText() throws Exception {
    t.post(GRADE, YAML, VALID);
    t.post("/api/v1/validate", "image/png", "x");

    HttpResponse<String> r = t.get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(r.body()).contains("trafficlab_gradings_total{status=\"pass\"}")
        .contains("trafficlab_grading_duration_seconds_bucket")
        .contains("trafficlab_grading_queue_size")
        .contains("trafficlab_gradings_in_flight")
        .contains("trafficlab_errors_total{code=\"unsupported_media_type\"}")
        .contains("jvm_memory_used_bytes");
  }
}
