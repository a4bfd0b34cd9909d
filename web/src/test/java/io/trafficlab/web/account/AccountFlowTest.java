package io.trafficlab.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.trafficlab.web.TestBrowser;
import io.trafficlab.web.WebApp;
import io.trafficlab.web.WebDeps;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccountFlowTest {
  static Database db;
  static Javalin app;

  @BeforeAll
  static void start() {
    db = Database.open(Database.h2MemoryUrl("accountflow"), null, null);
    app = WebApp.create(new WebDeps(db, PackCatalog.load(List.of()), Templates.create(), new Passwords(4),
        Optional.of("Teacher@Example.com"), Clock.systemUTC())).start(0);
  }

  @AfterAll
  static void stop() {
    app.stop();
    db.close();
  }

  static Map<String, String> signup(String email, String name, String password) {
    return Map.of("email", email, "displayName", name, "password", password, "next", "/");
  }

  @Test
  void a_learner_signs_up_is_signed_in_signs_out_and_signs_in_again() throws Exception {
    TestBrowser b = new TestBrowser(app.port());
    b.get("/signup");

    HttpResponse<String> created = b.post("/signup", signup("ada@example.com", "Ada", "correct horse battery"));
    assertThat(created.statusCode()).isEqualTo(303);
    assertThat(created.headers().firstValue("Set-Cookie").orElse(""))
        .contains("tl_session=").contains("HttpOnly").contains("SameSite=Lax");
    assertThat(b.get("/").body()).contains("<span class=\"who\">Ada</span>");

    b.post("/signout", Map.of());
    assertThat(b.get("/").body()).doesNotContain("class=\"who\"").contains("href=\"/signin\"");

    b.get("/signin");
    assertThat(b.post("/signin", Map.of("email", "ADA@example.com", "password", "wrong password!", "next", "/")).statusCode())
        .isEqualTo(401);
    assertThat(b.post("/signin", Map.of("email", "ADA@example.com", "password", "correct horse battery", "next", "/")).statusCode())
        .isEqualTo(303);
    assertThat(b.get("/").body()).contains("<span class=\"who\">Ada</span>");
  }

  @Test
  void sign_up_mistakes_are_explained_and_keep_what_was_typed() throws Exception {
    TestBrowser b = new TestBrowser(app.port());
    b.get("/signup");

    HttpResponse<String> r = b.post("/signup", signup("bob@example.com", "Bob <b>", "short"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Use at least 10 characters.").contains("value=\"bob@example.com\"")
        .contains("value=\"Bob &lt;b>\"").doesNotContain("<b>");

    b.post("/signup", signup("carol@example.com", "Carol", "long enough password"));
    TestBrowser other = new TestBrowser(app.port());
    other.get("/signup");
    assertThat(other.post("/signup", signup("CAROL@example.com", "C2", "long enough password")).body())
        .contains("already exists");
  }

  @Test
  void a_form_post_without_the_session_csrf_token_is_refused() throws Exception {
    TestBrowser b = new TestBrowser(app.port());
    b.get("/signup");

    assertThat(b.postRaw("/signup", Map.of("_csrf", "forged", "email", "eve@example.com", "displayName", "Eve",
        "password", "long enough password")).statusCode()).isEqualTo(403);
    TestBrowser crossSite = new TestBrowser(app.port());
    assertThat(crossSite.postRaw("/signout", Map.of()).statusCode()).isEqualTo(403);
  }

  @Test
  void the_admin_address_becomes_an_instructor_when_it_signs_up() throws Exception {
    TestBrowser b = new TestBrowser(app.port());
    b.get("/signup");
    b.post("/signup", signup("teacher@example.com", "Teacher", "long enough password"));

    assertThat(new UserRepository(db.dataSource()).findByEmail("teacher@example.com").orElseThrow().role())
        .isEqualTo(Role.INSTRUCTOR);
    assertThat(b.get("/").body()).contains("href=\"/instructor\"");
  }

  @Test
  void next_only_redirects_within_the_site() {
    assertThat(AccountController.safeNext("/packs/x")).isEqualTo("/packs/x");
    assertThat(AccountController.safeNext("//evil.example")).isEqualTo("/");
    assertThat(AccountController.safeNext("https://evil.example")).isEqualTo("/");
    assertThat(AccountController.safeNext("/\\evil.example")).isEqualTo("/");
  }
}
