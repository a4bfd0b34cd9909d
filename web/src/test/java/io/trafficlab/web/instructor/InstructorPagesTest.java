package io.trafficlab.web.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trafficlab.labs.grade.CheckResult;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.ReportJson;
import io.trafficlab.web.TestApp;
import io.trafficlab.web.TestBrowser;
import io.trafficlab.web.account.Role;
import io.trafficlab.web.account.User;
import io.trafficlab.web.attempt.Attempt;
import io.trafficlab.web.attempt.AttemptRepository;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstructorPagesTest {
  static TestApp t;
  static TestBrowser teacher;
  static User ada;
  static String adaBest;

  @BeforeAll
  static void start() throws Exception {
    t = TestApp.start();
    teacher = t.signedIn("teacher@example.com", Role.INSTRUCTOR);
    ada = t.user("ada@example.com", "Ada <Lovelace>", Role.LEARNER);
    t.user("bob@example.com", "Bob", Role.LEARNER);
    AttemptRepository attempts = new AttemptRepository(t.db.dataSource());
    attempts.save(attempt(ada.id(), null, 1, 1, 0, "2026-01-01T10:00:00Z", "first try"));
    adaBest = attempts.bestAttempts().get(0).bestAttemptId();
    attempts.save(attempt(ada.id(), null, 1, 3, 2, "2026-01-01T11:00:00Z", "kind: VirtualService # <script>alert(1)</script>"));
    attempts.save(attempt(ada.id(), null, 0, 0, 0, "2026-01-01T12:00:00Z", "worse"));
    attempts.save(attempt(null, "lms:7", 1, 2, 0, "2026-01-02T10:00:00Z", "from the LMS"));
    adaBest = attempts.bestAttempts().stream().filter(b -> ada.id() == (b.userId() == null ? -1 : b.userId()))
        .findFirst().orElseThrow().bestAttemptId();
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  static Attempt attempt(Long userId, String ref, int valid, int canary, int others, String at, String submission) {
    List<CheckResult> checks = List.of(
        check("valid", 1, valid, 1), check("canary-to-v2", 2, canary, 3), check("others-to-v1", 2, others, 2));
    int score = valid + canary + others;
    GradeReport r = new GradeReport("test-pack/header-canary", score == 6 ? CheckStatus.PASS : CheckStatus.FAIL,
        score, 6, "", List.of(), checks, List.of(new GradeReport.MisconceptionHit("upper", "Header name not lower-case",
            "Envoy lower-cases header names.")), 0, 12.5);
    return new Attempt(AttemptRepository.newId(), userId, ref, "test-pack", "header-canary", 0, submission,
        r.status().wireName(), score, 6, ReportJson.toJson(r).toString(), false, Instant.parse(at));
  }

  static CheckResult check(String id, int task, int points, int max) {
    CheckStatus s = points == max ? CheckStatus.PASS : CheckStatus.FAIL;
    return new CheckResult(id, task, "Check " + id, s, points, max, s == CheckStatus.PASS ? "" : "5/5 reached v1",
        s == CheckStatus.PASS ? "" : "Header names are lower-case.", List.of());
  }

  @ParameterizedTest
  @CsvSource({"/instructor", "/instructor/packs", "/instructor/tokens", "/instructor/gradebook.csv",
      "/instructor/attempts/abc", "/instructor/attempts/abc/export?format=json"})
  void anonymousVisitorsAreSentToSignInAndLearnersGetA403(String path) throws Exception {
    HttpResponse<String> anonymous = new TestBrowser(t.app.port()).get(path);
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location").orElse("")).startsWith("/signin?next=%2Finstructor");

    HttpResponse<String> learner = t.signedIn("learner@example.com", Role.LEARNER).get(path);
    assertThat(learner.statusCode()).isEqualTo(403);
    assertThat(learner.body()).contains("Only instructors");
  }

  @ParameterizedTest
  @CsvSource({"/instructor/tokens", "/instructor/tokens/1/revoke", "/instructor/packs/test-pack/enabled"})
  void learnersCannotPostToInstructorFormsEvenWithAValidCsrfToken(String path) throws Exception {
    TestBrowser learner = t.signedIn("learner2@example.com", Role.LEARNER);

    assertThat(learner.post(path, Map.of("name", "x", "enabled", "false")).statusCode()).isEqualTo(403);
    assertThat(t.deps.packs().get("test-pack")).isPresent();
  }

  @Test
  void theDashboardShowsEachLearnersBestScoreAndAttemptCount() throws Exception {
    HttpResponse<String> r = teacher.get("/instructor");

    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.body();
    assertThat(html).contains("Send canary testers to v2")
        .contains("Ada &lt;Lovelace&gt;").doesNotContain("Ada <Lovelace>")
        .contains("Bob").contains("lms:7").contains("via API")
        .contains("href=\"/instructor/attempts/" + adaBest + "\"")
        .contains("<span class=\"score\">6/6</span>")
        .contains("<span class=\"tries\">3×</span>")
        .contains("<span class=\"score\">3/6</span>");
    assertThat(html).doesNotContain("teacher@example.com</span>");
  }

  @Test
  void theDashboardFiltersByLearnerAndPack() throws Exception {
    String byLearner = teacher.get("/instructor?learner=LMS").body();
    assertThat(byLearner).contains("lms:7").doesNotContain("ada@example.com");

    String noPack = teacher.get("/instructor?pack=nope").body();
    assertThat(noPack).contains("No exercises match this filter.");
    assertThat(teacher.get("/instructor?pack=test-pack").body()).contains("<option value=\"test-pack\" selected>");
  }

  @Test
  void anAttemptShowsItsReportAndEscapedSubmission() throws Exception {
    HttpResponse<String> r = teacher.get("/instructor/attempts/" + adaBest);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Ada &lt;Lovelace&gt; &lt;ada@example.com&gt;")
        .contains("Check canary-to-v2").contains("3/3").contains("Header name not lower-case")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)")
        .contains("format=exercism").contains("format=gradescope");
    assertThat(teacher.get("/instructor/attempts/nope").statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @CsvSource({"json, score", "exercism, version", "gradescope, tests"})
  void anyAttemptDownloadsInEachFormat(String format, String field) throws Exception {
    HttpResponse<String> r = teacher.get("/instructor/attempts/" + adaBest + "/export?format=" + format);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
        .isEqualTo("attachment; filename=\"attempt-" + adaBest + "-" + format + ".json\"");
    JsonNode n = new ObjectMapper().readTree(r.body());
    assertThat(n.has(field)).isTrue();
  }

  @Test
  void theCsvGradebookHasPerCheckPointsFromEachLearnersBestAttempt() throws Exception {
    HttpResponse<String> r = teacher.get("/instructor/gradebook.csv?pack=test-pack");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
        .contains("trafficlab-gradebook-test-pack.csv");
    String[] lines = r.body().split("\r\n");
    assertThat(lines[0]).isEqualTo(
        "learner,exercise,status,score,max_score,percent,check:valid,check:canary-to-v2,check:others-to-v1");
    assertThat(lines).contains("ada@example.com,test-pack/header-canary,pass,6,6,100.0,1,3,2",
        "lms:7,test-pack/header-canary,fail,3,6,50.0,1,2,0");
  }

  @Test
  void aTokenIsShownOnceWorksOnTheApiAndStopsWorkingWhenRevoked() throws Exception {
    TestBrowser b = t.signedIn("teacher2@example.com", Role.INSTRUCTOR);
    b.get("/instructor/tokens");

    HttpResponse<String> created = b.post("/instructor/tokens", Map.of("name", "Moodle <prod>"));
    Matcher m = Pattern.compile("id=\"new-token\">(tlk_[A-Za-z0-9_-]{43})<").matcher(created.body());
    assertThat(m.find()).as(created.body()).isTrue();
    String secret = m.group(1);
    assertThat(created.body()).contains("Moodle &lt;prod&gt;");
    String listed = b.get("/instructor/tokens").body();
    assertThat(listed).doesNotContain(secret).contains(secret.substring(0, 8) + "…");

    String grade = "/api/v1/exercises/test-pack/header-canary/grade?learner=x";
    assertThat(t.post(grade, "application/yaml", "a: 1\n", "Authorization", "Bearer " + secret).statusCode())
        .isEqualTo(200);
    Matcher revoke = Pattern.compile("action=\"/instructor/tokens/(\\d+)/revoke\"").matcher(listed);
    assertThat(revoke.find()).isTrue();
    assertThat(b.post("/instructor/tokens/" + revoke.group(1) + "/revoke", Map.of()).statusCode()).isEqualTo(303);
    assertThat(t.post(grade, "application/yaml", "a: 1\n", "Authorization", "Bearer " + secret).statusCode())
        .isEqualTo(401);
    assertThat(b.get("/instructor/tokens").body()).contains("revoked");
  }

  @Test
  void creatingATokenNeedsANameAndTheFormsCsrfToken() throws Exception {
    TestBrowser b = t.signedIn("teacher3@example.com", Role.INSTRUCTOR);
    b.get("/instructor/tokens");

    assertThat(b.post("/instructor/tokens", Map.of("name", "  ")).body()).contains("Give the token a name");
    assertThat(b.postRaw("/instructor/tokens", Map.of("name", "x", "_csrf", "forged")).statusCode()).isEqualTo(403);
  }
}
