package io.trafficlab.web.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.web.account.Role;
import io.trafficlab.web.account.User;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.api.ApiTokens;
import io.trafficlab.web.attempt.Attempt;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.pack.PackSettings;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The migrations and the instructor-side queries on a real PostgreSQL server ({@link TestPostgres}:
 * the CI server, or one started for this JVM; skipped with the reason when none can be had), each
 * run in a fresh schema.
 */
class PostgresRepositoriesTest {

  @Test
  void migrationsBestAttemptsTokensAndPackSettingsWorkOnPostgres() throws Exception {
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        Database db = Database.open(schema.url(), null, null)) {
      User u = new UserRepository(db.dataSource()).create("t@example.com", "T", "x", Role.INSTRUCTOR).orElseThrow();
      AttemptRepository attempts = new AttemptRepository(db.dataSource());
      attempts.save(attempt(u.id(), null, 2, "2026-01-01T00:00:00Z"));
      attempts.save(attempt(u.id(), null, 5, "2026-01-02T00:00:00Z"));
      attempts.save(attempt(null, "lms:1", 3, "2026-01-03T00:00:00Z"));

      assertThat(attempts.bestAttempts()).extracting(AttemptRepository.Best::bestScore, AttemptRepository.Best::attempts)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(5, 2), org.assertj.core.groups.Tuple.tuple(3, 1));
      assertThat(attempts.bestReports()).hasSize(2);

      ApiTokens tokens = new ApiTokens(db.dataSource(), Clock.systemUTC());
      ApiTokens.Created t = tokens.create("CI", u.id());
      assertThat(tokens.authenticate(t.secret())).isPresent();
      assertThat(tokens.list().get(0).lastUsedAt()).isNotNull();
      tokens.revoke(t.id());
      assertThat(tokens.authenticate(t.secret())).isEmpty();

      PackSettings settings = new PackSettings(db.dataSource(), Clock.systemUTC());
      settings.setEnabled("p", false);
      settings.setEnabled("q", false);
      settings.setEnabled("q", true);
      assertThat(settings.disabledIds()).containsExactly("p");
    }
  }

  static Attempt attempt(Long userId, String ref, int score, String at) {
    return new Attempt(AttemptRepository.newId(), userId, ref, "p", "e", 0, "s", "fail", score, 6,
        "{\"checks\":[]}", false, Instant.parse(at));
  }
}
