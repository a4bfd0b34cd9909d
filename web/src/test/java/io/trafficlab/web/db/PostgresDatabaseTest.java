package io.trafficlab.web.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.trafficlab.web.TestBrowser;
import io.trafficlab.web.WeightsFakeLab;
import io.trafficlab.web.WebApp;
import io.trafficlab.web.WebDeps;
import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.account.Role;
import io.trafficlab.web.account.SessionStore;
import io.trafficlab.web.account.User;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.attempt.Attempt;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web app's database code against a real PostgreSQL server (see {@link TestPostgres}): every
 * Flyway migration runs on a fresh schema, the repositories round-trip their rows, and two web
 * nodes on one database share sign-ups and sessions (what the compose file's replicas rely on).
 */
class PostgresDatabaseTest {
  static TestPostgres.Schema schema;
  static Database db;

  @BeforeAll
  static void migrate() {
    schema = TestPostgres.freshSchema();
    db = Database.open(schema.url(), null, null);
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
    if (schema != null) {
      schema.close();
    }
  }

  @Test
  void everyMigrationRunsOnPostgresAndCreatesTheTables() throws Exception {
    List<String> applied = strings("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
        + " ORDER BY installed_rank");
    assertThat(applied).containsExactlyElementsOf(migrationVersionsOnClasspath());
    assertThat(strings("SELECT version FROM flyway_schema_history WHERE NOT success")).isEmpty();
    assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"))
        .contains("users", "sessions", "attempts", "api_tokens", "pack_settings", "opened_hints");
    assertThat(strings("SELECT version()").get(0)).as("a real PostgreSQL server").startsWith("PostgreSQL ");
  }

  @Test
  void openingAMigratedDatabaseAgainChangesNothing() throws Exception {
    int before = strings("SELECT version FROM flyway_schema_history").size();
    try (Database again = Database.open(schema.url(), null, null)) {
      assertThat(new AttemptRepository(again.dataSource()).count()).isGreaterThanOrEqualTo(0);
    }
    assertThat(strings("SELECT version FROM flyway_schema_history")).hasSize(before);
  }

  @Test
  void twoNodesStartingTogetherOnAnEmptyDatabaseMigrateItOnce() throws Exception {
    try (TestPostgres.Schema empty = TestPostgres.freshSchema()) {
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService nodes = Executors.newFixedThreadPool(2);
      try {
        List<Future<Database>> opened = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          opened.add(nodes.submit(() -> {
            go.await();
            return Database.open(empty.url(), null, null);
          }));
        }
        go.countDown();
        List<String> versions;
        try (Database a = opened.get(0).get(60, TimeUnit.SECONDS);
            Database b = opened.get(1).get(60, TimeUnit.SECONDS);
            Connection c = a.dataSource().getConnection(); Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL")) {
          versions = new ArrayList<>();
          while (rs.next()) {
            versions.add(rs.getString(1));
          }
          assertThat(new AttemptRepository(b.dataSource()).count()).isZero();
        }
        assertThat(versions).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(migrationVersionsOnClasspath());
      } finally {
        nodes.shutdownNow();
      }
    }
  }

  @Test
  void usersAreCreatedFoundByAnyCaseOfTheirAddressAndNeverTwice() {
    UserRepository users = new UserRepository(db.dataSource());
    User grace = users.create("Grace@Example.com", "Grace", "hash-1", Role.LEARNER).orElseThrow();

    assertThat(users.findByEmail("GRACE@example.COM")).contains(grace);
    assertThat(users.findById(grace.id())).contains(grace);
    assertThat(users.passwordHash("grace@example.com")).contains("hash-1");
    assertThat(users.create("grace@example.com", "Grace again", "hash-2", Role.LEARNER)).isEmpty();

    users.setRole(grace.id(), Role.INSTRUCTOR);
    assertThat(users.findById(grace.id()).orElseThrow().role()).isEqualTo(Role.INSTRUCTOR);
    assertThat(users.learners()).extracting(User::email).contains("grace@example.com");
    assertThat(users.findByEmail("nobody@example.com")).isEmpty();
  }

  @Test
  void sessionsRoundTripAndExpire() {
    User u = new UserRepository(db.dataSource()).create("sid@example.com", "Sid", "h", Role.LEARNER).orElseThrow();
    Instant now = Instant.parse("2030-01-01T10:00:00Z");
    SessionStore store = new SessionStore(db.dataSource(), Clock.fixed(now, ZoneOffset.UTC));

    SessionStore.Session anonymous = store.create(null);
    SessionStore.Session signedIn = store.create(u.id());
    assertThat(store.find(anonymous.id())).hasValueSatisfying(s -> assertThat(s.userId()).isNull());
    assertThat(store.find(signedIn.id())).hasValueSatisfying(s -> {
      assertThat(s.userId()).isEqualTo(u.id());
      assertThat(s.csrfToken()).isEqualTo(signedIn.csrfToken());
      assertThat(s.expiresAt()).isEqualTo(now.plus(SessionStore.LIFETIME));
    });

    store.delete(anonymous.id());
    assertThat(store.find(anonymous.id())).isEmpty();
    SessionStore later = new SessionStore(db.dataSource(),
        Clock.fixed(now.plus(SessionStore.LIFETIME).plus(Duration.ofMinutes(1)), ZoneOffset.UTC));
    assertThat(later.find(signedIn.id())).isEmpty();
    assertThat(store.find(signedIn.id())).as("an expired session is deleted when seen").isEmpty();

    SessionStore.Session unseen = store.create(u.id());
    SessionStore.Session current = later.create(u.id());
    assertThat(later.deleteExpired()).as("expired sessions nobody presents again are swept").isPositive();
    assertThat(store.find(unseen.id())).isEmpty();
    assertThat(later.find(current.id())).isPresent();
  }

  @Test
  void attemptsAreSavedFoundListedScoredAndShared() {
    AttemptRepository attempts = new AttemptRepository(db.dataSource());
    User u = new UserRepository(db.dataSource()).create("ada@example.com", "Ada", "h", Role.LEARNER).orElseThrow();
    Instant t0 = Instant.parse("2030-02-03T04:05:06.789Z");
    String big = "# ünïcødé ✓\n" + "x".repeat(300_000);
    Attempt first = attempt(u.id(), null, "canary", 40, t0, big);
    Attempt second = attempt(u.id(), null, "canary", 90, t0.plusSeconds(60), "spec: {}");
    Attempt other = attempt(u.id(), null, "retries", 10, t0.plusSeconds(120), "spec: {}");
    Attempt viaApi = attempt(null, "lms-learner-7", "canary", 70, t0.plusSeconds(180), "spec: {}");
    Stream.of(first, second, other, viaApi).forEach(attempts::save);

    assertThat(attempts.find(first.id())).contains(first);
    assertThat(attempts.find(viaApi.id())).contains(viaApi);
    assertThat(attempts.find("nope")).isEmpty();
    assertThat(attempts.forUser(u.id(), "core", "canary")).containsExactly(second, first);
    assertThat(attempts.forUser(u.id())).containsExactly(other, second, first);

    assertThat(attempts.bestScores())
        .filteredOn(b -> b.exerciseId().equals("canary"))
        .extracting(b -> b.userId() + "/" + b.learnerRef() + " best " + b.bestScore() + "/" + b.maxScore()
            + " in " + b.attempts())
        .contains(u.id() + "/null best 90/100 in 2", "null/lms-learner-7 best 70/100 in 1");

    attempts.setShared(second.id(), true);
    assertThat(attempts.find(second.id()).orElseThrow().shared()).isTrue();
    attempts.setShared(second.id(), false);
    assertThat(attempts.find(second.id()).orElseThrow().shared()).isFalse();
  }

  @Test
  void aLearnerSignsUpOnOneNodeIsSignedInOnAnotherAndTheirAttemptIsShared() throws Exception {
    try (Database secondPool = Database.open(schema.url(), null, null)) {
      Javalin nodeA = startApp(db);
      Javalin nodeB = startApp(secondPool);
      try {
        TestBrowser browser = new TestBrowser(nodeA.port());
        browser.get("/signup");
        HttpResponse<String> created = browser.post("/signup", Map.of("email", "lin@example.com",
            "displayName", "Lin", "password", "correct horse battery", "next", "/"));
        assertThat(created.statusCode()).isEqualTo(303);
        String cookie = created.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

        User lin = new UserRepository(secondPool.dataSource()).findByEmail("lin@example.com").orElseThrow();
        assertThat(lin.displayName()).isEqualTo("Lin");
        HttpResponse<String> onB = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + nodeB.port() + "/")).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(onB.body()).as("node B knows node A's session").contains("<span class=\"who\">Lin</span>");

        Attempt saved = attempt(lin.id(), null, "canary", 100, Instant.now().truncatedTo(ChronoUnit.MILLIS), "spec: {}");
        new AttemptRepository(db.dataSource()).save(saved);
        assertThat(new AttemptRepository(secondPool.dataSource()).forUser(lin.id())).containsExactly(saved);
      } finally {
        nodeA.stop();
        nodeB.stop();
      }
    }
  }

  @Test
  void openedHintsAreCountedOnPostgres() throws Exception {
    io.trafficlab.web.exercise.OpenedHintsTest.checkRepository(db.dataSource());
  }

  @Test
  void hintsOpenedOnOneNodeAreOpenOnTheOther() throws Exception {
    String base = "/packs/web-pack/exercises/canary-split";
    String starter = Files.readString(Path.of("src/test/resources/packs/web-pack/exercises/canary-split/starter.yaml"));
    PackCatalog packs = PackCatalog.load(List.of(Path.of("src/test/resources/packs")));
    try (Database secondPool = Database.open(schema.url(), null, null)) {
      Javalin nodeA = WebApp.create(new WebDeps(db, packs, Templates.create(), new Passwords(4), Optional.empty(),
          Clock.systemUTC(), new WeightsFakeLab())).start(0);
      Javalin nodeB = WebApp.create(new WebDeps(secondPool, packs, Templates.create(), new Passwords(4),
          Optional.empty(), Clock.systemUTC(), new WeightsFakeLab())).start(0);
      try {
        TestBrowser onA = new TestBrowser(nodeA.port());
        onA.get("/signup");
        assertThat(onA.post("/signup", Map.of("email", "hilde@example.com", "displayName", "Hilde",
            "password", "correct horse battery", "next", base)).statusCode()).isEqualTo(303);
        onA.get(base);
        onA.post(base + "/run", Map.of("yaml", starter));
        assertThat(onA.post(base + "/hints/2", Map.of()).body()).contains("Hint 2 of 3");

        TestBrowser onB = onA.sameBrowserOn(nodeB.port());
        assertThat(onB.get(base).body()).as("node B shows what node A opened").contains("Hint 2 of 3")
            .doesNotContain("Hint 3 of 3");
        assertThat(onB.post(base + "/hints/2", Map.of()).body()).contains("Hint 3 of 3");
        assertThat(onA.get(base).body()).as("and node A what node B opened").contains("Hint 3 of 3");
      } finally {
        nodeA.stop();
        nodeB.stop();
      }
    }
  }

  private static Javalin startApp(Database database) {
    return WebApp.create(new WebDeps(database, PackCatalog.load(List.of()), Templates.create(), new Passwords(4),
        Optional.empty(), Clock.systemUTC())).start(0);
  }

  static Attempt attempt(Long userId, String learnerRef, String exercise, int score, Instant at, String submission) {
    return new Attempt(AttemptRepository.newId(), userId, learnerRef, "core", exercise, 1, submission,
        score == 100 ? "passed" : "failed", score, 100, "{\"checks\":[]}", false, at);
  }

  private static List<String> strings(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Versions of the V*__*.sql files Flyway finds, in order (they live in target/classes in a build). */
  private static List<String> migrationVersionsOnClasspath() throws IOException, URISyntaxException {
    URL dir = Database.class.getResource("/db/migration");
    assertThat(dir).as("migrations on the classpath").isNotNull();
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("V[0-9._]+__.*\\.sql"))
          .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
          .sorted(PostgresDatabaseTest::compareVersions)
          .toList();
    }
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long xi = i < x.length ? Long.parseLong(x[i]) : 0;
      long yi = i < y.length ? Long.parseLong(y[i]) : 0;
      if (xi != yi) {
        return Long.compare(xi, yi);
      }
    }
    return 0;
  }
}
