package io.trafficlab.web.hostile;

import static io.trafficlab.web.hostile.Hostile.JSON;
import static io.trafficlab.web.hostile.Hostile.assertApiError;
import static io.trafficlab.web.hostile.Hostile.assertNoInternals;
import static io.trafficlab.web.hostile.Hostile.concat;
import static io.trafficlab.web.hostile.Hostile.head;
import static io.trafficlab.web.hostile.Hostile.raw;
import static io.trafficlab.web.hostile.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trafficlab.web.TestApp;
import io.trafficlab.web.TestBrowser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input over HTTP, through the JSON API and the exercise page's form endpoints, against the
 * real app (H2 in memory) grading with the real engine: every case gets a clear error (status, code,
 * message; diagnostics with positions where the input has them), never a stack trace or a 500, and
 * the server stays healthy ({@code /healthz} after each test, a normal grading at the end).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
  static final String EXERCISE = "header-canary";
  static final String GRADE = "/api/v1/exercises/" + Hostile.PACK + "/" + EXERCISE + "/grade";
  static final String VALIDATE = "/api/v1/validate";
  static final String PAGE = "/packs/" + Hostile.PACK + "/exercises/" + EXERCISE;
  static final Duration DEADLINE = Duration.ofSeconds(8);

  TestApp t;
  String token;
  String solution;
  TestBrowser browser;

  @BeforeAll
  void start() throws Exception {
    t = TestApp.withEngine(2, 8, DEADLINE);
    token = t.instructorToken();
    solution = Hostile.solution(EXERCISE);
    browser = new TestBrowser(t.app.port());
    assertThat(browser.get(PAGE).statusCode()).isEqualTo(200);
  }

  @AfterAll
  void stop() throws Exception {
    t.close();
  }

  @AfterEach
  void serverStaysHealthy() throws Exception {
    HttpResponse<String> h = t.get("/healthz");
    assertThat(h.statusCode()).isEqualTo(200);
    assertThat(h.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  // ---- YAML the loader refuses: 400 bad_yaml with a positioned diagnostic -------------------

  static final String ALIAS_BOMB = """
      a: &a [x, x, x, x, x, x, x, x, x]
      b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
      d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
      e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
      f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
      g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
      h: [*g, *g, *g, *g, *g, *g, *g, *g, *g]
      """;

  static Stream<Arguments> unreadableYaml() {
    byte[] binary = new byte[4096];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31 + 7);
    }
    return Stream.of(
        Arguments.of("alias bomb (a billion nodes)", utf8(ALIAS_BOMB), "TL0009"),
        Arguments.of("10k-deep flow nesting", utf8("[".repeat(10_000) + "]".repeat(10_000)), "TL0007"),
        Arguments.of("10k-deep block nesting", utf8("- ".repeat(10_000) + "x\n"), "TL0007"),
        Arguments.of("binary garbage", binary, "TL0016"),
        Arguments.of("!!java/object tag", utf8("!!java/object:java.lang.Runtime {}\n"), "TL0011"),
        Arguments.of("gadget tag inside a resource", utf8("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: x}
            spec: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1:1/"]]]]
            """), "TL0011"),
        Arguments.of("invalid UTF-8", concat(utf8("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: \""),
            new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, '(', '"', '}', '\n'}), "TL0002"),
        Arguments.of("UTF-8-encoded lone surrogate", concat(utf8("metadata: {name: \""),
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}', '\n'}), "TL0002"),
        Arguments.of("NUL byte", utf8("apiVersion: v1\nkind: Service\nmetadata: {name: \"a\u0000b\"}\n"), "TL0016"),
        Arguments.of("duplicate keys", utf8("kind: VirtualService\nkind: Gateway\n"), "TL0005"));
  }

  static Stream<Arguments> unreadableYamlAtBothEndpoints() {
    return unreadableYaml().flatMap(a -> Stream.of(VALIDATE, GRADE)
        .map(endpoint -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], endpoint)));
  }

  @ParameterizedTest(name = "{0} → {3}")
  @MethodSource("unreadableYamlAtBothEndpoints")
  void yamlTheLoaderRefusesIsA400WithAPositionedDiagnostic(String name, byte[] body, String code,
      String endpoint) throws Exception {
    Hostile.Raw r = raw(t.app.port(), concat(head("POST", endpoint, body.length, "application/yaml"), body));

    JsonNode j = assertApiError(r.status(), r.body(), 400, "bad_yaml");
    assertThat(j.path("message").asText()).startsWith("The body is not well-formed YAML: error[" + code + "]");
    JsonNode d = j.path("diagnostics").path(0);
    assertThat(d.path("code").asText()).isEqualTo(code);
    assertThat(d.path("line").asInt()).isPositive();
    assertThat(d.path("column").asInt()).isPositive();
    assertThat(d.path("hint").asText()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableYaml")
  void theExercisePageFormsAnswerTheSameYamlWithDiagnosticsNotErrors(String name, byte[] body, String code)
      throws Exception {
    // A form field is text: bytes that are not UTF-8 arrive as U+FFFD, which is still not YAML.
    String yaml = new String(body, StandardCharsets.UTF_8);

    HttpResponse<String> validate = browser.post(PAGE + "/validate", Map.of("yaml", yaml));
    HttpResponse<String> run = browser.post(PAGE + "/run", Map.of("yaml", yaml));
    HttpResponse<String> playground = browser.post(PAGE + "/playground", Map.of("yaml", yaml, "via", "gateway:80",
        "host", "ecommerce.example.com", "path", "/"));

    assertThat(validate.statusCode()).isEqualTo(200);
    assertNoInternals(validate.body());
    JsonNode v = JSON.readTree(validate.body());
    assertThat(v.path("valid").asBoolean()).isFalse();
    JsonNode d = v.path("diagnostics").path(0);
    assertThat(d.path("code").asText()).startsWith("TL0");
    assertThat(d.path("line").asInt()).isPositive();
    assertThat(d.path("message").asText()).isNotBlank();
    for (HttpResponse<String> r : List.of(run, playground)) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertNoInternals(r.body());
      assertThat(r.body()).contains(d.path("code").asText());
    }
    assertThat(run.body()).contains("Not judged");
    assertThat(playground.body()).contains("would be rejected by the cluster");
  }

  // ---- sizes and content types ---------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void aFiveMegabyteBodyIsA413ThatTheClientReliablyReads(String endpoint) throws Exception {
    byte[] body = utf8("a: " + "x".repeat(5 * 1024 * 1024));

    Hostile.Raw r = raw(t.app.port(), concat(head("POST", endpoint, body.length, "application/yaml"), body));

    JsonNode j = assertApiError(r.status(), r.body(), 413, "too_large");
    assertThat(j.path("message").asText()).contains("262144 bytes (256 KiB)");
  }

  @Test
  void aBodyOverTheUploadLimitIsRefusedBeforeItIsRead() throws Exception {
    long declared = 64L * 1024 * 1024;
    byte[] someOfIt = utf8("a: " + "x".repeat(16 * 1024));

    Hostile.Raw r = raw(t.app.port(), concat(head("POST", VALIDATE, declared, "application/yaml"), someOfIt));

    assertApiError(r.status(), r.body(), 413, "too_large");
  }

  static Stream<String> endpoints() {
    return Stream.of(VALIDATE, GRADE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void megabyteBodiesAreA413WithTheLimit(String endpoint) throws Exception {
    for (int size : List.of(300 * 1024, 1024 * 1024, 3 * 1024 * 1024)) {
      HttpResponse<String> r = t.post(endpoint, "application/yaml", "a: " + "x".repeat(size));
      assertApiError(r.statusCode(), r.body(), 413, "too_large");
    }
    // Without a Content-Length the YAML limit is checked once the body is read.
    HttpResponse<String> chunked = t.http.send(java.net.http.HttpRequest.newBuilder(t.uri(endpoint))
        .header("Content-Type", "application/yaml")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(utf8("a: " + "x".repeat(400 * 1024))))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertApiError(chunked.statusCode(), chunked.body(), 413, "too_large");
  }

  static Stream<Arguments> wrongBodies() {
    return Stream.of(
        Arguments.of("image/png", "\u0089PNG", 415, "unsupported_media_type"),
        Arguments.of(null, "a: 1", 415, "unsupported_media_type"),
        Arguments.of("application/x-www-form-urlencoded", "yaml=a", 415, "unsupported_media_type"),
        Arguments.of("multipart/form-data; boundary=x", "--x--", 415, "unsupported_media_type"),
        Arguments.of("application/yaml", "", 400, "empty_body"),
        Arguments.of("application/json", "{\"yaml\": 1", 400, "bad_json"),
        Arguments.of("application/json", "[\"yaml\"]", 400, "bad_json"),
        Arguments.of("application/json", "{\"yaml\": {\"nested\": true}}", 400, "bad_json"),
        Arguments.of("application/json", "{\"yaml\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}", 400, "bad_json"),
        Arguments.of("application/json", "[".repeat(5_000) + "]".repeat(5_000), 400, "bad_json"));
  }

  @ParameterizedTest(name = "{0}: {2} {3}")
  @MethodSource("wrongBodies")
  void wrongContentTypesAndBrokenJsonAreClearErrors(String contentType, String body, int status, String code)
      throws Exception {
    for (String endpoint : List.of(VALIDATE, GRADE)) {
      HttpResponse<String> r = t.post(endpoint, contentType, body);
      assertApiError(r.statusCode(), r.body(), status, code);
    }
  }

  @Test
  void deeplyNestedJsonSaysItIsTooDeep() throws Exception {
    HttpResponse<String> r = t.post(VALIDATE, "application/json",
        "{\"yaml\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");

    JsonNode j = assertApiError(r.statusCode(), r.body(), 400, "bad_json");
    assertThat(j.path("message").asText()).startsWith("The JSON is nested too deeply");
  }

  @Test
  void formBodiesOverTheLimitAreA413OnEveryFormEndpoint() throws Exception {
    String big = "a: " + "x".repeat(300 * 1024);
    for (String ep : List.of("/validate", "/run", "/playground")) {
      HttpResponse<String> r = browser.post(PAGE + ep, Map.of("yaml", big, "via", "mesh", "host", "x"));
      assertThat(r.statusCode()).as(ep).isEqualTo(413);
      assertNoInternals(r.body());
      assertThat(r.body()).contains("256 KiB");
    }
    HttpResponse<String> huge = browser.post(PAGE + "/run", Map.of("yaml", "a: " + "x".repeat(3 * 1024 * 1024)));
    assertThat(huge.statusCode()).isEqualTo(413);
    assertNoInternals(huge.body());
  }

  @Test
  void aFormBodyThatIsNotAFormIsAnsweredWithoutAnError() throws Exception {
    HttpResponse<String> r = browser.postRaw(PAGE + "/validate", Map.of("yaml", "%ZZ%FF\u0000"));
    assertThat(r.statusCode()).isLessThan(500);
    assertNoInternals(r.body());
  }

  // ---- unicode tricks: shown, not hidden ---------------------------------------------------

  static Stream<Arguments> unicodeTricks() {
    return Stream.of(
        Arguments.of("RTL override in a name", "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
            + "metadata: {name: \"re\u202Eviews\"}\nspec: {hosts: [reviews], http: [{route: [{destination: {host: reviews}}]}]}\n",
            "TL0105", "re\\u202Eviews"),
        Arguments.of("zero-width space in a host", "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
            + "metadata: {name: r}\nspec: {hosts: [\"re\u200Bviews\"], http: [{route: [{destination: {host: reviews}}]}]}\n",
            "TL2019", "re\\u200Bviews"),
        Arguments.of("zero-width joiner in a key", "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
            + "metadata: {name: r}\nspec: {ho\u200Dsts: [reviews]}\n", "TL1001", "ho\\u200Dsts"),
        Arguments.of("escaped lone surrogate as a key", "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
            + "metadata: {name: r}\nspec: {\"\\ud800\": 1}\n", "TL1001", "\\uD800"),
        Arguments.of("RTL override in a header match", "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
            + "metadata: {name: r}\nspec: {hosts: [reviews], http: [{match: [{headers: {\"end\u202E-user\": {exact: x}}}], "
            + "route: [{destination: {host: reviews}}]}]}\n", "TL2013", "end\\u202E-user"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unicodeTricks")
  void invisibleCharactersAreNamedInTheDiagnosticNotPassedThrough(String name, String yaml, String code,
      String shown) throws Exception {
    HttpResponse<String> r = t.post(VALIDATE, "application/yaml", yaml);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = JSON.readTree(r.body());
    assertThat(j.path("valid").asBoolean()).isFalse();
    JsonNode d = find(j.path("diagnostics"), code);
    assertThat(d.path("message").asText() + " " + d.path("path").asText()).contains(shown)
        .doesNotContain("\u202E").doesNotContain("\u200B").doesNotContain("\u200D");
    assertThat(d.path("line").asInt()).isPositive();
  }

  static Stream<Arguments> hostileHeaders() {
    return Stream.of(
        Arguments.of("RTL override in the learner id", utf8("X-Learner-Id: l\u202E1"), 400),
        Arguments.of("zero-width space in the learner id", utf8("X-Learner-Id: l\u200B1"), 400),
        Arguments.of("surrogate bytes in the learner id", concat(utf8("X-Learner-Id: l"),
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}), 400),
        Arguments.of("NUL in the learner id", utf8("X-Learner-Id: l\u00001"), 400),
        Arguments.of("surrogate bytes in a header name", concat(utf8("X-"), new byte[] {(byte) 0xed, (byte) 0xa0,
            (byte) 0x80, ':', ' ', '1'}), 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileHeaders")
  void hostileHeadersAreA400NotAServerError(String name, byte[] header, int status) throws Exception {
    byte[] body = utf8(solution);
    Hostile.Raw r = raw(t.app.port(), concat(head("POST", GRADE, body.length, "application/yaml",
        utf8("Authorization: Bearer " + token), header), body));

    assertThat(r.status()).as(r.head() + "\n" + r.body()).isEqualTo(status);
    assertNoInternals(r.body());
  }

  @Test
  void aTokenWithInvisibleCharactersIsUnauthorized() throws Exception {
    byte[] body = utf8(solution);
    Hostile.Raw r = raw(t.app.port(), concat(head("POST", GRADE, body.length, "application/yaml",
        utf8("Authorization: Bearer " + token + "\u200B"), utf8("X-Learner-Id: l1")), body));

    assertApiError(r.status(), r.body(), 401, "unauthorized");
  }

  // ---- absurd numbers ------------------------------------------------------------------------

  static final String VS_HEAD = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\n";
  static final String DR_HEAD = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r}\n";

  static Stream<Arguments> absurdNumbers() {
    return Stream.of(
        Arguments.of("weight 10^12", VS_HEAD + "spec: {hosts: [a], http: [{route: [{destination: {host: a, subset: x}, "
            + "weight: 1000000000000}, {destination: {host: a, subset: y}, weight: 1}]}]}\n", "TL1008"),
        Arguments.of("weight with 35 digits", VS_HEAD + "spec: {hosts: [a], http: [{route: [{destination: {host: a}, "
            + "weight: 99999999999999999999999999999999999}]}]}\n", "TL1008"),
        Arguments.of("a timeout of 10^17 hours", VS_HEAD + "spec: {hosts: [a], http: [{timeout: 99999999999999999h, "
            + "route: [{destination: {host: a}}]}]}\n", "TL1006"),
        Arguments.of("a delay of 1e300 s", VS_HEAD + "spec: {hosts: [a], http: [{fault: {delay: {fixedDelay: 1e300s, "
            + "percentage: {value: 100}}}, route: [{destination: {host: a}}]}]}\n", "TL1006"),
        Arguments.of("fault percentage 10^12", VS_HEAD + "spec: {hosts: [a], http: [{fault: {abort: {httpStatus: 503, "
            + "percentage: {value: 1000000000000}}}, route: [{destination: {host: a}}]}]}\n", "TL2004"),
        Arguments.of("connectionPool limits 2^32", DR_HEAD + "spec: {host: a, trafficPolicy: {connectionPool: "
            + "{tcp: {maxConnections: 4294967296}, http: {http1MaxPendingRequests: 4294967296}}}}\n", "TL1008"),
        Arguments.of("retries 2^40", VS_HEAD + "spec: {hosts: [a], http: [{retries: {attempts: 1099511627776}, "
            + "route: [{destination: {host: a}}]}]}\n", "TL1008"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("absurdNumbers")
  void absurdNumbersAreRejectedAtTheirPositionWithoutSendingTraffic(String name, String yaml, String code)
      throws Exception {
    HttpResponse<String> v = t.post(VALIDATE, "application/yaml", yaml);
    HttpResponse<String> g = t.post(GRADE, "application/yaml", yaml);

    JsonNode vj = JSON.readTree(v.body());
    assertThat(v.statusCode()).isEqualTo(200);
    assertThat(vj.path("valid").asBoolean()).isFalse();
    JsonNode d = find(vj.path("diagnostics"), code);
    assertThat(d.path("line").asInt()).isPositive();
    assertThat(d.path("path").asText()).startsWith("spec.");
    JsonNode gj = JSON.readTree(g.body());
    assertThat(g.statusCode()).isEqualTo(200);
    assertThat(gj.path("status").asText()).isEqualTo("error");
    assertThat(gj.path("message").asText()).contains("would be rejected by the cluster");
    find(gj.path("diagnostics"), code);
  }

  /** The solution with {@code extra} added to its catch-all rule (the second http rule). */
  String catchAllWith(String extra) {
    assertThat(solution).contains("  - route:\n");
    return solution.replace("  - route:\n", "  - " + extra + "\n    route:\n");
  }

  @Test
  void aMillionRetriesOfOneMillisecondAreGradedNotHung() throws Exception {
    HttpResponse<String> g = t.post(GRADE, "application/yaml",
        catchAllWith("retries: {attempts: 1000000, perTryTimeout: 1ms, retryOn: 5xx}"));

    assertThat(g.statusCode()).isEqualTo(200);
    assertNoInternals(g.body());
    assertThat(JSON.readTree(g.body()).path("status").asText()).isIn("pass", "fail", "error");
  }

  @Test
  void maximalPoolLimitsWeightsAndYearLongIntervalsAreGraded() throws Exception {
    String policy = solution.replace("spec:\n  host: ecommerce-frontend\n", """
        spec:
          host: ecommerce-frontend
          trafficPolicy:
            connectionPool:
              tcp: {maxConnections: 2147483647, connectTimeout: 876000h}
              http: {http1MaxPendingRequests: 2147483647, maxRequestsPerConnection: 2147483647, maxRetries: 2147483647}
            outlierDetection: {consecutive5xxErrors: 2147483647, interval: 876000h, baseEjectionTime: 876000h, maxEjectionPercent: 100}
        """);
    assertThat(policy).contains("maxConnections");

    HttpResponse<String> g = t.post(GRADE, "application/yaml", policy);

    assertThat(g.statusCode()).isEqualTo(200);
    JsonNode j = JSON.readTree(g.body());
    assertThat(j.path("status").asText()).as(g.body()).isEqualTo("pass");
  }

  static String withDeployments(String base, int n) {
    StringBuilder yaml = new StringBuilder(base);
    for (int i = 0; i < n; i++) {
      yaml.append("\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d").append(i)
          .append("}\nspec: {replicas: 20, selector: {matchLabels: {app: ecommerce-backend}}, ")
          .append("template: {metadata: {labels: {app: ecommerce-backend}}}}\n");
    }
    return yaml.toString();
  }

  @Test
  void threeThousandReplicasInOneSubmissionStartAHundredPodsAndSaySo() throws Exception {
    HttpResponse<String> g = t.post(GRADE, "application/yaml", withDeployments(solution, 150));

    assertThat(g.statusCode()).isEqualTo(200);
    JsonNode j = JSON.readTree(g.body());
    assertThat(j.path("status").asText()).as(g.body()).isEqualTo("pass");
    JsonNode capped = find(j.path("diagnostics"), "TL3007");
    assertThat(capped.path("severity").asText()).isEqualTo("warning");
    assertThat(capped.path("line").asInt()).isPositive();
  }

  @Test
  void aThousandDocumentsAreRefusedBeforeAnythingStarts() throws Exception {
    HttpResponse<String> g = t.post(GRADE, "application/yaml", withDeployments(solution, 1000));

    JsonNode j = assertApiError(g.statusCode(), g.body(), 400, "bad_yaml");
    assertThat(j.path("message").asText()).contains("200");
  }

  @Test
  void aFaultDelayOfAHundredYearsIsStoppedAtTheDeadlineWithAnErrorReport() throws Exception {
    HttpResponse<String> g = t.post(GRADE, "application/yaml",
        catchAllWith("fault: {delay: {fixedDelay: 876000h, percentage: {value: 100}}}"));

    assertThat(g.statusCode()).isEqualTo(200);
    JsonNode j = JSON.readTree(g.body());
    assertThat(j.path("status").asText()).isEqualTo("error");
    assertThat(j.path("message").asText()).startsWith("Grading took longer than 8 s and was stopped.");
  }

  // ---- the playground: one request, learner-shaped ------------------------------------------

  static Stream<Arguments> refusedPlaygroundRequests() {
    return Stream.of(
        Arguments.of("IPv6 literal host", Map.of("host", "[::1]"), "Enter the host to call"),
        Arguments.of("RTL override in the host", Map.of("host", "shop\u202Eevil"), "Enter the host to call"),
        Arguments.of("CRLF in the host", Map.of("host", "x\r\nHost: evil"), "Enter the host to call"),
        Arguments.of("a Host header", Map.of("headers", "Host: 169.254.169.254"), "Set the host in the Host field"),
        Arguments.of("a lower-case host header", Map.of("headers", "host: localhost:22"), "Set the host in the Host field"),
        Arguments.of("Content-Length", Map.of("headers", "Content-Length: 5"), "is set by the HTTP client itself"),
        Arguments.of("Transfer-Encoding", Map.of("headers", "Transfer-Encoding: chunked"), "is set by the HTTP client itself"),
        Arguments.of("the engine's simulated time", Map.of("headers", "x-trafficlab-time: 0"), "belong to trafficlab's tracing"),
        Arguments.of("a CR inside a header value", Map.of("headers", "x-a: b\rSet-Cookie: c"), "one header per line"),
        Arguments.of("NUL in a header value", Map.of("headers", "x-a: b\u0000c"), "one header per line"),
        Arguments.of("pseudo header", Map.of("headers", ":authority: evil"), "one header per line"),
        Arguments.of("a path with spaces", Map.of("path", "/ HTTP/1.1\r\nHost: evil"), "The path starts with /"),
        Arguments.of("a method of its own", Map.of("method", "CONNECT"), "The method is one of"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedPlaygroundRequests")
  void playgroundRequestsThatCannotBeSentAreA400ThatSaysWhy(String name, Map<String, String> change, String why)
      throws Exception {
    Map<String, String> form = new LinkedHashMap<>(Map.of("yaml", solution, "via", "gateway:80",
        "host", "ecommerce.example.com", "path", "/", "method", "GET", "headers", ""));
    form.putAll(change);

    HttpResponse<String> r = browser.post(PAGE + "/playground", form);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertNoInternals(r.body());
    assertThat(r.body()).contains(why);
  }

  @Test
  void thePlaygroundSendsOneRequestWhateverRepeatOrRequestsTheFormAddsAndAHostOutsideTheMeshIsA404() throws Exception {
    Map<String, String> form = new LinkedHashMap<>(Map.of("yaml", solution, "via", "gateway:80",
        "host", "ecommerce.example.com", "path", "/", "method", "GET"));
    form.put("repeat", "100000000");
    form.put("requests", "100000000");
    form.put("concurrent", "true");

    HttpResponse<String> ok = browser.post(PAGE + "/playground", form);
    form.put("host", "metadata.google.internal");
    HttpResponse<String> outside = browser.post(PAGE + "/playground", form);

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body().split("<tr", -1)).hasSize(3); // header row + one request
    assertThat(ok.body()).contains("ecommerce-frontend-v1-0");
    assertThat(outside.statusCode()).isEqualTo(200);
    assertThat(outside.body()).contains("404").contains("NR").doesNotContain("ecommerce-frontend-v1");
  }

  // ---- and afterwards ------------------------------------------------------------------------

  @Test
  @Order(Integer.MAX_VALUE)
  void afterAllOfThisANormalGradingStillPassesAndIsSaved() throws Exception {
    HttpResponse<String> g = t.post(GRADE, "application/yaml", solution, "Authorization", "Bearer " + token,
        "X-Learner-Id", "learner-after-the-storm");

    assertThat(g.statusCode()).isEqualTo(200);
    JsonNode j = JSON.readTree(g.body());
    assertThat(j.path("status").asText()).as(g.body()).isEqualTo("pass");
    String id = j.path("attempt").path("id").asText();
    HttpResponse<String> saved = t.get("/api/v1/attempts/" + id, "Authorization", "Bearer " + token);
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(t.get("/metrics").body()).doesNotContain("code=\"internal_error\"");
  }

  static JsonNode find(JsonNode diagnostics, String code) {
    List<String> seen = new ArrayList<>();
    for (JsonNode d : diagnostics) {
      if (d.path("code").asText().equals(code)) {
        return d;
      }
      seen.add(d.path("code").asText() + " " + d.path("message").asText());
    }
    throw new AssertionError("no " + code + " among " + seen);
  }
}
