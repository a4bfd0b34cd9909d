package io.trafficlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebAppTest {
  static Database db;
  static Javalin app;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    db = Database.open(Database.h2MemoryUrl("webapptest"), null, null);
    PackCatalog packs = PackCatalog.load(List.of(Path.of("../labs/src/test/resources/packs")));
    app = WebApp.create(WebDeps.of(db, packs, Templates.create())).start(0);
  }

  @AfterAll
  static void stop() {
    app.stop();
    db.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void GET_healthz_reports_ok() throws Exception {
    HttpResponse<String> r = get("/healthz");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void GET_home_lists_the_packs_and_their_lessons() throws Exception {
    HttpResponse<String> r = get("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Test pack").contains("href=\"/packs/test-pack/lessons/01-header-canary\"")
        .contains("Header-based canary");
  }

  @Test
  void GET_static_css_and_webjars_are_served() throws Exception {
    assertThat(get("/static/app.css").statusCode()).isEqualTo(200);
    assertThat(get("/webjars/codemirror/5.65.21/lib/codemirror.js").statusCode()).isEqualTo(200);
    assertThat(get("/webjars/htmx.org/2.0.10/dist/htmx.min.js").statusCode()).isEqualTo(200);
  }

  @Test
  void GET_lesson_renders_markdown_with_objectives_and_exercise_links() throws Exception {
    HttpResponse<String> r = get("/packs/test-pack/lessons/01-header-canary");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<h1>Header-based canary</h1>").contains("Route requests with a header to v2")
        .contains("href=\"/packs/test-pack/exercises/header-canary\"").contains("Send canary testers to v2")
        .contains("facts checked against Istio 1.24–1.30");
  }

  @Test
  void GET_unknown_lesson_is_a_404_page() throws Exception {
    assertThat(get("/packs/test-pack/lessons/nope").statusCode()).isEqualTo(404);
    assertThat(get("/packs/nope/lessons/x").statusCode()).isEqualTo(404);
  }
}
