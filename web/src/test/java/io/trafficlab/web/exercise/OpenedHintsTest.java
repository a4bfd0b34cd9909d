package io.trafficlab.web.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.trafficlab.web.TestBrowser;
import io.trafficlab.web.WebApp;
import io.trafficlab.web.WebDeps;
import io.trafficlab.web.WeightsFakeLab;
import io.trafficlab.web.account.Passwords;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Opened hints of signed-in learners are stored: a restarted server (a new app and a new pool on the
 * same database) shows every hint the learner had opened, on the page and after the next run.
 */
public class OpenedHintsTest {
  static final String BASE = ExercisePagesTest.BASE;

  @Test
  void openedHintsSurviveARestartOfTheServer() throws Exception {
    String url = Database.h2MemoryUrl("openedhints-restart");
    String starter = Files.readString(ExercisePagesTest.PACK.resolve("starter.yaml"));
    TestBrowser ada;
    TestBrowser bob;
    try (Database db = Database.open(url, null, null)) {
      Javalin first = start(db);
      try {
        ada = signUp(first, "ada@example.com");
        bob = signUp(first, "bob@example.com");
        assertThat(ada.post(BASE + "/run", Map.of("yaml", starter)).body()).contains("Hint 1 of 3");
        assertThat(ada.post(BASE + "/hints/2", Map.of()).body()).contains("Hint 2 of 3");
        assertThat(ada.post(BASE + "/hints/2", Map.of()).body()).contains("Hint 3 of 3");
        bob.post(BASE + "/run", Map.of("yaml", starter));
      } finally {
        first.stop();
      }
    }

    try (Database db = Database.open(url, null, null)) {
      Javalin second = start(db);
      try {
        ada = ada.sameBrowserOn(second.port());
        bob = bob.sameBrowserOn(second.port());
        String page = ada.get(BASE).body();
        assertThat(page).as("still signed in after the restart").contains("<span class=\"who\">ada</span>");
        assertThat(page).as("the last result on the page").contains("Hint 1 of 3").contains("Hint 2 of 3")
            .contains("Hint 3 of 3").doesNotContain("Show next hint");
        assertThat(ada.post(BASE + "/run", Map.of("yaml", starter)).body()).contains("Hint 3 of 3")
            .doesNotContain("Show next hint");
        HttpResponse<String> bobs = bob.post(BASE + "/run", Map.of("yaml", starter));
        assertThat(bobs.body()).as("another learner's hints are their own").contains("Hint 1 of 3")
            .doesNotContain("Hint 2 of 3").contains("Show next hint");
      } finally {
        second.stop();
      }
    }
  }

  @Test
  void theRepositoryCountsUpToTheTotalPerLearnerExerciseVariantAndTaskOnH2() throws Exception {
    try (Database db = Database.open(Database.h2MemoryUrl("openedhints-repo"), null, null)) {
      checkRepository(db.dataSource());
    }
  }

  /**
   * What {@link OpenedHintRepository} must do on any database it runs on (H2 here, PostgreSQL in
   * {@code PostgresDatabaseTest}): counts per owner and task, bounded by the total, never lowered,
   * and concurrent clicks on a row that does not exist yet all counted.
   */
  public static void checkRepository(DataSource ds) throws Exception {
    long ada = user(ds, "hints-ada@example.com");
    long bob = user(ds, "hints-bob@example.com");
    OpenedHintRepository repo = new OpenedHintRepository(ds, Clock.systemUTC());
    OpenedHintRepository.Owner canary = new OpenedHintRepository.Owner(ada, "p", "canary", 1);

    assertThat(repo.shown(canary)).isEmpty();
    assertThat(repo.next(canary, 2, 3)).isEqualTo(1);
    assertThat(repo.next(canary, 2, 3)).isEqualTo(2);
    assertThat(repo.next(canary, 2, 3)).isEqualTo(3);
    assertThat(repo.next(canary, 2, 3)).as("never past the total").isEqualTo(3);
    repo.atLeast(canary, 2, 1);
    repo.atLeast(canary, 3, 1);
    assertThat(repo.shown(canary)).as("atLeast never lowers a count").containsExactlyInAnyOrderEntriesOf(Map.of(2, 3, 3, 1));
    assertThat(repo.shown(new OpenedHintRepository.Owner(ada, "p", "canary", 0))).as("another variant").isEmpty();
    assertThat(repo.shown(new OpenedHintRepository.Owner(bob, "p", "canary", 1))).as("another learner").isEmpty();
    assertThat(repo.shown(new OpenedHintRepository.Owner(ada, "p", "retries", 1))).as("another exercise").isEmpty();

    OpenedHintRepository.Owner race = new OpenedHintRepository.Owner(bob, "p", "race", 0);
    int clicks = 8;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clicks);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < clicks; i++) {
        answers.add(pool.submit(() -> {
          go.await();
          return repo.next(race, 1, 100);
        }));
      }
      go.countDown();
      for (var a : answers) {
        assertThat(a.get(30, java.util.concurrent.TimeUnit.SECONDS)).isBetween(1, clicks);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(repo.shown(race)).as("every concurrent click counted once").containsExactlyEntriesOf(Map.of(1, clicks));
  }

  private static long user(DataSource ds, String email) {
    return new io.trafficlab.web.account.UserRepository(ds)
        .create(email, "H", "x", io.trafficlab.web.account.Role.LEARNER).orElseThrow().id();
  }

  private static Javalin start(Database db) {
    PackCatalog packs = PackCatalog.load(List.of(Path.of("src/test/resources/packs")));
    return WebApp.create(new WebDeps(db, packs, Templates.create(), new Passwords(4), Optional.empty(),
        Clock.systemUTC(), new WeightsFakeLab())).start(0);
  }

  private static TestBrowser signUp(Javalin app, String email) throws Exception {
    TestBrowser b = new TestBrowser(app.port());
    b.get("/signup");
    assertThat(b.post("/signup", Map.of("email", email, "displayName", email.substring(0, email.indexOf('@')),
        "password", "correct horse battery", "next", "/")).statusCode()).isEqualTo(303);
    b.get(BASE);
    return b;
  }
}
