package io.trafficlab.web.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.trafficlab.web.WeightsFakeLab;
import io.trafficlab.web.TestBrowser;
import io.trafficlab.web.WebApp;
import io.trafficlab.web.WebDeps;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuizPagesTest {
  static final String QUIZ = "/packs/web-pack/quizzes/01-canary";
  static Database db;
  static Javalin app;

  @BeforeAll
  static void start() {
    db = Database.open(Database.h2MemoryUrl("quizpages"), null, null);
    app = WebApp.create(WebDeps.of(db, PackCatalog.load(List.of(Path.of("src/test/resources/packs"))), Templates.create())
        .withLab(new WeightsFakeLab())).start(0);
  }

  @AfterAll
  static void stop() {
    app.stop();
    db.close();
  }

  @Test
  void theQuizShowsQuestionsWithoutAnswersOrExplanations() throws Exception {
    HttpResponse<String> r = new TestBrowser(app.port()).get(QUIZ);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Quiz: Canary with weights").contains("Weights 9 (v1) and 1 (v2). What happens?")
        .contains("type=\"radio\" name=\"q.relative\"").contains("type=\"checkbox\" name=\"q.level\"")
        .contains("name=\"q.field\"")
        .contains("(&lt;b&gt;all&lt;/b&gt; that apply)").contains("and <code>v2</code> to 0")
        .doesNotContain("relative since Istio 1.15").doesNotContain("gives 503s");
  }

  @Test
  void submittedAnswersAreGradedAndEveryQuestionExplained() throws Exception {
    TestBrowser b = new TestBrowser(app.port());
    b.get(QUIZ);

    HttpResponse<String> r = b.post(QUIZ, Map.of("q.relative", "1", "q.field", " Weight "));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<strong>2/3</strong> right")
        .contains("class=\"question right\" id=\"q-relative\"").contains("class=\"question wrong\" id=\"q-level\"")
        .contains("Weights are relative since Istio 1.15.").contains("gives 503s")
        .contains("value=\"1\" checked").contains("value=\" Weight \"");
  }

  @Test
  void multiAnswersAreCollectedFromEveryCheckedBox() throws Exception {
    TestBrowser b = new TestBrowser(app.port());
    b.get(QUIZ);
    String form = "_csrf=" + URLEncoder.encode(b.csrf(), StandardCharsets.UTF_8) + "&q.level=0&q.level=1";

    HttpResponse<String> r = java.net.http.HttpClient.newBuilder().cookieHandler(cookies(b)).build().send(
        java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + QUIZ))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.body()).contains("class=\"question right\" id=\"q-level\"").contains("<strong>1/3</strong>");
  }

  @Test
  void lessonsLinkToTheirQuizAndMissingQuizzesAre404() throws Exception {
    TestBrowser b = new TestBrowser(app.port());

    assertThat(b.get("/packs/web-pack/lessons/01-canary").body()).contains("href=\"" + QUIZ + "\"");
    assertThat(b.get("/packs/web-pack/quizzes/nope").statusCode()).isEqualTo(404);
    assertThat(b.get("/packs/nope/quizzes/01-canary").statusCode()).isEqualTo(404);
  }

  private static java.net.CookieManager cookies(TestBrowser b) {
    return b.cookies();
  }
}
