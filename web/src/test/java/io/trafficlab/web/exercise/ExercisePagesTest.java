package io.trafficlab.web.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.web.WeightsFakeLab;
import io.trafficlab.web.TestBrowser;
import io.trafficlab.web.WebApp;
import io.trafficlab.web.WebDeps;
import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The learner's exercise page over HTTP: page, validate, run, hints, playground, attempts, solution. */
class ExercisePagesTest {
  static final String BASE = "/packs/web-pack/exercises/canary-split";
  static final Path PACK = Path.of("src/test/resources/packs/web-pack/exercises/canary-split");
  static final ObjectMapper JSON = new ObjectMapper();
  static final AtomicInteger USERS = new AtomicInteger();
  static Database db;
  static Javalin app;
  static WeightsFakeLab lab;
  static String starter;
  static String solution;

  @BeforeAll
  static void start() throws Exception {
    db = Database.open(Database.h2MemoryUrl("exercisepages"), null, null);
    lab = new WeightsFakeLab();
    PackCatalog packs = PackCatalog.load(List.of(Path.of("src/test/resources/packs")));
    app = WebApp.create(new WebDeps(db, packs, Templates.create(), new Passwords(4), Optional.empty(),
        Clock.systemUTC(), lab)).start(0);
    starter = Files.readString(PACK.resolve("starter.yaml"));
    solution = Files.readString(PACK.resolve("solution.yaml"));
  }

  @AfterAll
  static void stop() {
    app.stop();
    db.close();
  }

  @BeforeEach
  void calm() {
    lab.hostile = false;
  }

  static TestBrowser anonymous() throws Exception {
    TestBrowser b = new TestBrowser(app.port());
    b.get(BASE);
    return b;
  }

  static TestBrowser signedIn() throws Exception {
    TestBrowser b = new TestBrowser(app.port());
    b.get("/signup");
    int n = USERS.incrementAndGet();
    assertThat(b.post("/signup", Map.of("email", "learner" + n + "@example.com", "displayName", "Learner " + n,
        "password", "correct horse battery", "next", "/")).statusCode()).isEqualTo(303);
    b.get(BASE);
    return b;
  }

  /** The solution for the variant the page shows (variants differ in the weights). */
  static String solutionFor(String page) {
    String canary = page.contains("Send 20 % to v2") ? "20" : "10";
    String stable = canary.equals("20") ? "80" : "90";
    return solution.replace("{{stable}}", stable).replace("{{canary}}", canary);
  }

  @Test
  void exercisePageRendersInstructionsTasksTopologyEditorAndStarter() throws Exception {
    TestBrowser b = new TestBrowser(app.port());
    HttpResponse<String> r = b.get(BASE);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("<h1 id=\"ex-title\">Send 10 % to v2</h1>")
        .contains("Start the canary at <strong>10 %</strong>")
        .contains("Send 10 % of gateway requests to v2 and 90 % to v1")
        .contains("<svg").contains("istio-ingressgateway").contains(">shop-v2-0<")
        .contains("href=\"/packs/web-pack/lessons/01-canary\"")
        .contains("/webjars/codemirror/5.65.21/lib/codemirror.js").contains("/webjars/codemirror/5.65.21/mode/yaml/yaml.js")
        .contains("/webjars/codemirror/5.65.21/addon/lint/lint.js")
        .contains("data-validate=\"" + BASE + "/validate\"")
        .contains("hx-post=\"" + BASE + "/run\"")
        .contains("<textarea id=\"editor\"").contains("selector: {istio: ingressgateway}")
        .doesNotContain("REFERENCE-SOLUTION-MARKER");
  }

  @Test
  void unknownExercisesAndPacksAre404AndUnreadableExercisesSaySo() throws Exception {
    TestBrowser b = new TestBrowser(app.port());

    assertThat(b.get("/packs/web-pack/exercises/nope").statusCode()).isEqualTo(404);
    assertThat(b.get("/packs/nope/exercises/canary-split").statusCode()).isEqualTo(404);
    HttpResponse<String> broken = b.get("/packs/web-pack/exercises/broken-files");
    assertThat(broken.statusCode()).isEqualTo(404);
    assertThat(broken.body()).contains("pack validate");
  }

  @Test
  void validateAnswersDiagnosticsWithLineAndColumnAsJson() throws Exception {
    TestBrowser b = anonymous();

    HttpResponse<String> ok = b.post(BASE + "/validate", Map.of("yaml", starter));
    HttpResponse<String> bad = b.post(BASE + "/validate", Map.of("yaml",
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: shop}\nspec:\n  hosts: [shop]\n  http:\n  - route:\n    - destination: {host: shop, subset: v3}\n"));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ok.body()).path("valid").asBoolean()).isTrue();
    JsonNode d = JSON.readTree(bad.body());
    assertThat(d.path("valid").asBoolean()).isFalse();
    JsonNode first = d.path("diagnostics").path(0);
    assertThat(first.path("line").asInt()).isEqualTo(8);
    assertThat(first.path("column").asInt()).isPositive();
    assertThat(first.path("code").asText()).matches("(IST|TL)[0-9]{4}");
    assertThat(first.path("message").asText()).isNotEmpty();
  }

  @Test
  void postsWithoutTheCsrfTokenAreRefused() throws Exception {
    TestBrowser b = anonymous();

    HttpResponse<String> r = b.postRaw(BASE + "/validate", Map.of("yaml", starter));

    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void submissionsOver256KiBAreRefusedBeforeParsing() throws Exception {
    TestBrowser b = anonymous();
    String huge = "# " + "x".repeat(256 * 1024) + "\n";

    assertThat(b.post(BASE + "/validate", Map.of("yaml", huge)).statusCode()).isEqualTo(413);
    HttpResponse<String> run = b.post(BASE + "/run", Map.of("yaml", huge));
    assertThat(run.statusCode()).isEqualTo(413);
    assertThat(run.body()).contains("larger than 256 KiB");
  }

  @Test
  void runningTheStarterFailsWithEvidencePartialCreditFirstHintAndMisconception() throws Exception {
    TestBrowser b = anonymous();

    HttpResponse<String> r = b.post(BASE + "/run", Map.of("yaml", starter));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("1/7 points").contains("aria-valuenow=\"1\"")
        .contains("The split is off: 1000/1000 requests reached v1")
        .contains("Hint 1 of 3").contains("One http rule, one route list, two destinations.")
        .contains("Show next hint")
        .contains("Everything still goes to v1")
        .contains("role=\"tablist\"").contains(">Checks<").contains(">Traffic<").contains("Trace (").contains("Diagnostics (")
        .contains("id=\"tasks\" hx-swap-oob=\"true\"")
        .contains("id=\"topology-svg\" hx-swap-oob=\"true\"")
        .doesNotContain("REFERENCE-SOLUTION-MARKER")
        .doesNotContain("/attempts/");
  }

  @Test
  void hintsOpenOneAtATimeAndTheServerRemembersThem() throws Exception {
    TestBrowser b = anonymous();
    b.post(BASE + "/run", Map.of("yaml", starter));

    HttpResponse<String> second = b.post(BASE + "/hints/2", Map.of());
    HttpResponse<String> third = b.post(BASE + "/hints/2", Map.of());
    HttpResponse<String> again = b.post(BASE + "/hints/2", Map.of());
    HttpResponse<String> rerun = b.post(BASE + "/run", Map.of("yaml", starter));

    assertThat(second.body()).contains("Hint 2 of 3").contains("weight sits next to destination").contains("Show next hint");
    assertThat(third.body()).contains("Hint 3 of 3").contains("Give v1 weight 90 and v2 weight 10.").doesNotContain("Show next hint");
    assertThat(again.body()).contains("Hint 3 of 3").doesNotContain("Hint 4");
    assertThat(rerun.body()).contains("Hint 1 of 3").contains("Hint 2 of 3").contains("Hint 3 of 3");
    assertThat(b.post(BASE + "/hints/9", Map.of()).statusCode()).isEqualTo(404);
    assertThat(anonymous().post(BASE + "/run", Map.of("yaml", starter)).body()).doesNotContain("Hint 2 of 3");
  }

  @Test
  void aPassingRunTicksTasksChartsTheSplitTracesRequestsAndRevealsTheSolution() throws Exception {
    TestBrowser b = anonymous();
    String page = b.get(BASE).body();

    HttpResponse<String> r = b.post(BASE + "/run", Map.of("yaml", solutionFor(page)));

    assertThat(r.body())
        .contains("7/7 points").contains("✔ Passed")
        .contains("<li class=\"done\">")
        .contains("Gateway traffic splits 90/10 — by subset")
        .contains("expected 90 %").contains("expected 10 %")
        .contains("Status codes (10 sample requests)").contains("Latency, simulated ms (10 sample requests)")
        .contains("<details>").contains("VirtualService default/shop http[0]")
        .contains("x-request-id: r0")
        .contains(">w 90<").contains(">w 10<")
        .contains("Reference solution").contains("REFERENCE-SOLUTION-MARKER")
        .doesNotContain("Show next hint");
  }

  @Test
  void theSplitChartShowsTheFullCountsOfTheDistributionNotTheSampleTraces() throws Exception {
    TestBrowser b = anonymous();
    String page = b.get(BASE).body();

    String result = b.post(BASE + "/run", Map.of("yaml", solutionFor(page))).body();

    // The fake lab sends 1,000 requests, 900 to v1 and 100 to v2, and keeps the first 10 (all v1)
    // as traces: a chart of the samples would say 100 % v1.
    String chart = chart(result, "Gateway traffic splits 90/10");
    assertThat(chart).contains("observed in all 1,000 requests")
        .contains(">90 % (900)<").contains(">10 % (100)<")
        .doesNotContain("100 % (10)").doesNotContain("sample");
    assertThat(result).contains("Trace (10)");
  }

  /** The SVG of the chart whose title starts with {@code title}. */
  static String chart(String html, String title) {
    Matcher m = Pattern.compile("<svg[^>]*aria-label=\"" + Pattern.quote(title) + ".*?</svg>", Pattern.DOTALL)
        .matcher(html);
    assertThat(m.find()).as("a chart titled " + title).isTrue();
    return m.group();
  }

  @Test
  void markupInYamlDiagnosticsAndTracesIsShownAsText() throws Exception {
    lab.hostile = true;
    TestBrowser b = anonymous();
    String page = b.get(BASE).body();
    String evil = solutionFor(page).replace("name: shop-gateway", "name: shop-gateway\n  annotations: {note: \"<script>alert('yaml')</script>\"}");

    HttpResponse<String> traced = b.post(BASE + "/run", Map.of("yaml", evil));
    HttpResponse<String> rejected = b.post(BASE + "/run", Map.of("yaml", evil + "---\nkind: <script>alert('kind')</script>\n"));

    assertThat(traced.body()).doesNotContain("<script>alert(")
        .contains("&lt;script&gt;alert('route')&lt;/script&gt;")
        .contains("&lt;script&gt;alert('body')&lt;/script&gt;");
    assertThat(rejected.body()).doesNotContain("<script>alert(").contains("would be rejected")
        .contains("&lt;script&gt;");
  }

  @Test
  void signedInRunsAreSavedListedAndReadableAtTheirPermalinkByTheOwnerOnly() throws Exception {
    TestBrowser ada = signedIn();
    long before = new AttemptRepository(db.dataSource()).count();

    HttpResponse<String> run = ada.post(BASE + "/run", Map.of("yaml", starter + "# <b>mine</b>\n"));
    String id = permalink(run.body());

    assertThat(new AttemptRepository(db.dataSource()).count()).isEqualTo(before + 1);
    assertThat(run.body()).contains("id=\"attempts\" hx-swap-oob=\"true\"").contains("href=\"/attempts/" + id + "\"");
    assertThat(ada.get(BASE).body()).contains("href=\"/attempts/" + id + "\"").contains("# &lt;b&gt;mine&lt;/b&gt;")
        .contains("Your last attempt");
    HttpResponse<String> own = ada.get("/attempts/" + id);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains("1/7 points").contains("# &lt;b&gt;mine&lt;/b&gt;").contains("Share this attempt")
        .doesNotContain("Show next hint");
    TestBrowser bob = signedIn();
    assertThat(bob.get("/attempts/" + id).statusCode()).isEqualTo(404);
    assertThat(new TestBrowser(app.port()).get("/attempts/" + id).statusCode()).isEqualTo(404);
    assertThat(bob.get("/attempts/nonexistent").statusCode()).isEqualTo(404);
  }

  @Test
  void sharingMakesAnAttemptReadableByAnyoneUntilTheOwnerStops() throws Exception {
    TestBrowser ada = signedIn();
    String id = permalink(ada.post(BASE + "/run", Map.of("yaml", starter)).body());
    TestBrowser bob = signedIn();
    bob.get("/");

    assertThat(bob.post("/attempts/" + id + "/share", Map.of("shared", "true")).statusCode()).isEqualTo(404);
    assertThat(bob.get("/attempts/" + id).statusCode()).isEqualTo(404);

    ada.get("/attempts/" + id);
    assertThat(ada.postRaw("/attempts/" + id + "/share", Map.of("shared", "true")).statusCode()).isEqualTo(403);
    assertThat(ada.post("/attempts/" + id + "/share", Map.of("shared", "true")).statusCode()).isEqualTo(303);
    HttpResponse<String> shared = new TestBrowser(app.port()).get("/attempts/" + id);
    assertThat(shared.statusCode()).isEqualTo(200);
    assertThat(shared.body()).doesNotContain("Share this attempt").doesNotContain("Stop sharing")
        .doesNotContain("REFERENCE-SOLUTION-MARKER");
    assertThat(ada.get("/attempts/" + id).body()).contains("Stop sharing");

    ada.post("/attempts/" + id + "/share", Map.of("shared", "false"));
    assertThat(bob.get("/attempts/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void theReferenceSolutionIsOnThePageOnlyAfterTheLearnerPassed() throws Exception {
    TestBrowser ada = signedIn();
    String page = ada.get(BASE).body();
    assertThat(page).doesNotContain("REFERENCE-SOLUTION-MARKER");
    ada.post(BASE + "/run", Map.of("yaml", starter));
    assertThat(ada.get(BASE).body()).doesNotContain("REFERENCE-SOLUTION-MARKER");

    ada.post(BASE + "/run", Map.of("yaml", solutionFor(page)));

    String after = ada.get(BASE).body();
    assertThat(after).contains("Reference solution (you passed this exercise)").contains("REFERENCE-SOLUTION-MARKER");
    assertThat(signedIn().get(BASE).body()).doesNotContain("REFERENCE-SOLUTION-MARKER");
  }

  @Test
  void theCatalogueShowsBestScoresAndPassesOfTheSignedInLearner() throws Exception {
    TestBrowser ada = signedIn();
    assertThat(ada.get("/").body()).contains("href=\"" + BASE + "\"").contains("0/2 exercises passed")
        .doesNotContainPattern("best [0-9]+/[0-9]+");
    String page = ada.get(BASE).body();

    ada.post(BASE + "/run", Map.of("yaml", starter));
    assertThat(ada.get("/").body()).contains("best 1/7 · 1 attempt").doesNotContain("✔ passed");
    ada.post(BASE + "/run", Map.of("yaml", solutionFor(page)));

    String home = ada.get("/").body();
    assertThat(home).contains("✔ passed").contains("best 7/7 · 2 attempts").contains("1/2 exercises passed");
    assertThat(ada.get(BASE).body()).contains("progress 1/2");
    assertThat(new TestBrowser(app.port()).get("/").body()).doesNotContainPattern("best [0-9]+/[0-9]+").contains("Send 10 % to v2");
  }

  @Test
  void aSignedInLearnerKeepsOneVariantAndAnonymousVisitorsGetTheFirst() throws Exception {
    for (int i = 0; i < 3; i++) {
      TestBrowser b = signedIn();
      String first = b.get(BASE).body();
      String title = first.contains("Send 20 % to v2") ? "Send 20 % to v2" : "Send 10 % to v2";
      assertThat(b.get(BASE).body()).contains(title).contains("variant ");
    }
    assertThat(new TestBrowser(app.port()).get(BASE).body()).contains("Send 10 % to v2").doesNotContain("variant 2 of 2");
  }

  @Test
  void thePlaygroundSendsOneRequestThroughTheEditorConfigurationAndShowsItsTrace() throws Exception {
    TestBrowser b = anonymous();
    int before = lab.ran.size();

    HttpResponse<String> r = b.post(BASE + "/playground", Map.of("yaml", starter, "via", "gateway:80",
        "host", "shop.example.com", "path", "/cart", "method", "post", "headers", "x-canary: on\nEnd-User: jason"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("POST shop.example.com/cart via gateway:80").contains("<table class=\"trace\">")
        .contains("shop-v1-0");
    assertThat(lab.ran).hasSize(before + 1);
    YamlMap req = (YamlMap) lab.ran.get(before).seq("requests").orElseThrow().get(0);
    assertThat(req.string("via")).contains("gateway:80");
    assertThat(req.string("path")).contains("/cart");
    assertThat(req.string("method")).contains("POST");
    assertThat(req.map("headers").orElseThrow().string("End-User")).contains("jason");
  }

  @Test
  void thePlaygroundExplainsBadInputAndRejectedConfigurations() throws Exception {
    TestBrowser b = anonymous();
    int before = lab.ran.size();

    HttpResponse<String> badVia = b.post(BASE + "/playground", Map.of("yaml", starter, "via", "internet",
        "host", "shop", "path", "/"));
    HttpResponse<String> badHeader = b.post(BASE + "/playground", Map.of("yaml", starter, "via", "mesh",
        "host", "shop", "path", "/", "headers", "<script>: x"));
    HttpResponse<String> rejected = b.post(BASE + "/playground", Map.of("yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
        "via", "mesh", "host", "shop", "path", "/"));

    assertThat(badVia.statusCode()).isEqualTo(400);
    assertThat(badVia.body()).contains("Via is mesh or gateway:PORT");
    assertThat(badHeader.statusCode()).isEqualTo(400);
    assertThat(badHeader.body()).contains("one header per line");
    assertThat(rejected.body()).contains("would be rejected by the cluster").contains("TL0103");
    assertThat(lab.ran).hasSize(before);
  }

  static String permalink(String html) {
    Matcher m = Pattern.compile("href=\"/attempts/([A-Za-z0-9]{10})\"").matcher(html);
    assertThat(m.find()).as("a permalink in %s", html.length() > 300 ? html.substring(0, 300) : html).isTrue();
    return m.group(1);
  }
}
