package io.trafficlab.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.trafficlab.web.TestBrowser;
import io.trafficlab.web.WebApp;
import io.trafficlab.web.WebDeps;
import io.trafficlab.web.WeightsFakeLab;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session rows are made only for signed-in visitors: browsing (a crawler without cookies, or a
 * browser with them) adds none, anonymous forms are still CSRF-protected by a cookie-held token,
 * and expired sessions are swept.
 */
class SessionRowsTest {
  static final String EXERCISE = "/packs/web-pack/exercises/canary-split";
  static final List<String> PUBLIC_PAGES = List.of("/", "/packs/web-pack/lessons/01-canary", EXERCISE,
      "/packs/web-pack/quizzes/01-canary", "/signin", "/signup", "/no-such-page", "/packs/web-pack/exercises/nope");
  static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  static Database db;
  static Javalin app;
  static SessionStore sessions;
  static String starter;

  @BeforeAll
  static void start() throws Exception {
    db = Database.open(Database.h2MemoryUrl("sessionrows"), null, null);
    sessions = new SessionStore(db.dataSource(), Clock.systemUTC());
    app = WebApp.create(new WebDeps(db, PackCatalog.load(List.of(Path.of("src/test/resources/packs"))),
        Templates.create(), new Passwords(4), Optional.empty(), Clock.systemUTC(), new WeightsFakeLab())).start(0);
    starter = Files.readString(Path.of("src/test/resources/packs/web-pack/exercises/canary-split/starter.yaml"));
  }

  @AfterAll
  static void stop() {
    app.stop();
    db.close();
  }

  @Test
  void anonymousGetsOfPublicPagesCreateNoSessionRows() throws Exception {
    long before = sessions.count();
    HttpClient crawler = HttpClient.newHttpClient();
    for (int round = 0; round < 5; round++) {
      for (String path : PUBLIC_PAGES) {
        HttpResponse<String> r = crawler.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isIn(200, 404);
        assertThat(r.headers().allValues("Set-Cookie")).as(path).noneMatch(c -> c.startsWith("tl_session="));
      }
    }
    TestBrowser browser = new TestBrowser(app.port());
    for (String path : PUBLIC_PAGES) {
      browser.get(path);
    }

    assertThat(sessions.count()).as("session rows after %d anonymous page views", 6 * PUBLIC_PAGES.size())
        .isEqualTo(before);
  }

  @Test
  void anonymousFormsWorkWithTheTokenTheirCookieHoldsAndNotWithout() throws Exception {
    long before = sessions.count();
    TestBrowser learner = new TestBrowser(app.port());
    String token = csrf(learner.get(EXERCISE).body());
    assertThat(learner.get("/").body()).as("the token stays the same while browsing").contains(token);

    assertThat(learner.post(EXERCISE + "/run", Map.of("yaml", starter)).statusCode()).isEqualTo(200);
    assertThat(learner.post(EXERCISE + "/hints/2", Map.of()).body()).contains("Hint 2 of 3");
    assertThat(learner.post("/packs/web-pack/quizzes/01-canary", Map.of("q.relative", "1")).statusCode()).isEqualTo(200);
    assertThat(learner.postRaw(EXERCISE + "/run", Map.of("yaml", starter)).statusCode()).as("no token").isEqualTo(403);
    assertThat(learner.postRaw(EXERCISE + "/run", Map.of("yaml", starter, "_csrf", "x".repeat(43))).statusCode())
        .as("a made-up token").isEqualTo(403);

    TestBrowser other = new TestBrowser(app.port());
    other.get(EXERCISE);
    assertThat(other.postRaw(EXERCISE + "/run", Map.of("yaml", starter, "_csrf", token)).statusCode())
        .as("another browser's token").isEqualTo(403);
    HttpResponse<String> cookieless = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(EXERCISE + "/run"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("yaml=x&_csrf=" + token)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(cookieless.statusCode()).as("a token without the cookie that holds it").isEqualTo(403);

    assertThat(sessions.count()).isEqualTo(before);
  }

  @Test
  void signingUpMakesOneSessionAndSigningOutDeletesIt() throws Exception {
    long before = sessions.count();
    TestBrowser b = new TestBrowser(app.port());
    b.get("/signup");

    HttpResponse<String> created = b.post("/signup", Map.of("email", "rows@example.com", "displayName", "Rows",
        "password", "correct horse battery", "next", "/"));
    assertThat(created.statusCode()).isEqualTo(303);
    assertThat(created.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("tl_session="));
    assertThat(sessions.count()).isEqualTo(before + 1);
    String signedInToken = csrf(b.get("/").body());

    HttpResponse<String> out = b.post("/signout", Map.of());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(sessions.count()).isEqualTo(before);
    assertThat(out.headers().allValues("Set-Cookie")).as("the session cookie is dropped")
        .anyMatch(c -> c.startsWith("tl_session=;") && c.contains("Expires=Thu, 01 Jan 1970"));
    String page = b.get("/signin").body();
    assertThat(page).doesNotContain("class=\"who\"");
    assertThat(csrf(page)).as("a new anonymous token after signing out").isNotEqualTo(signedInToken);

    assertThat(b.post("/signin", Map.of("email", "rows@example.com", "password", "correct horse battery", "next", "/"))
        .statusCode()).isEqualTo(303);
    assertThat(sessions.count()).isEqualTo(before + 1);
  }

  @Test
  void expiredSessionsAreDeletedWhenTheServerStarts() throws Exception {
    try (Database other = Database.open(Database.h2MemoryUrl("sessionrows-expired"), null, null)) {
      long user = new UserRepository(other.dataSource()).create("old@example.com", "Old", "x", Role.LEARNER)
          .orElseThrow().id();
      Instant now = Instant.now();
      SessionStore then = new SessionStore(other.dataSource(),
          Clock.fixed(now.minus(SessionStore.LIFETIME).minus(Duration.ofHours(1)), ZoneOffset.UTC));
      SessionStore.Session expired = then.create(user);
      SessionStore store = new SessionStore(other.dataSource(), Clock.systemUTC());
      SessionStore.Session live = store.create(user);
      assertThat(store.count()).isEqualTo(2);

      Javalin server = WebApp.create(new WebDeps(other, PackCatalog.load(List.of()), Templates.create(),
          new Passwords(4), Optional.empty(), Clock.systemUTC(), new WeightsFakeLab())).start(0);
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.count() > 1 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(store.count()).as("the expired session was swept, nobody asked for it").isEqualTo(1);
        assertThat(store.find(live.id())).isPresent();
        assertThat(then.find(expired.id())).isEmpty();
      } finally {
        server.stop();
      }
    }
  }

  static URI uri(String path) {
    return URI.create("http://localhost:" + app.port() + path);
  }

  static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("a CSRF token on the page").isTrue();
    return m.group(1);
  }
}
