package io.trafficlab.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.web.account.Role;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.api.ApiTokens;
import java.time.Clock;
import io.trafficlab.web.db.Database;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserAndTokenCommandTest {
  @TempDir
  Path data;

  Cli withStdin(String stdin, String... args) {
    InputStream old = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return Cli.run(args);
    } finally {
      System.setIn(old);
    }
  }

  @Test
  void userAddCreatesAnInstructorWhoCanOwnAToken() {
    Cli added = withStdin("long enough password\n", "user", "add", "Grace@Example.com", "--name", "Grace",
        "--instructor", "--password-stdin", "--data", data.toString());
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).contains("instructor: grace@example.com (created)");

    Cli token = Cli.run("token", "create", "Moodle", "--owner", "grace@example.com", "--data", data.toString());
    assertThat(token.exit()).as(token.err()).isZero();
    String secret = token.out().strip();
    assertThat(secret).startsWith("tlk_").hasSize(47);
    assertThat(token.err()).contains("shown only this once");

    try (Database db = Database.open(Database.h2FileUrl(data), null, null)) {
      assertThat(new UserRepository(db.dataSource()).findByEmail("grace@example.com").orElseThrow().role())
          .isEqualTo(Role.INSTRUCTOR);
      assertThat(new ApiTokens(db.dataSource(), Clock.systemUTC()).authenticate(secret)).isPresent();
    }
  }

  @Test
  void userAddPromotesAnExistingAccountAndRefusesADuplicateWithoutInstructor() {
    withStdin("long enough password\n", "user", "add", "ada@example.com", "--password-stdin", "--data", data.toString());

    Cli again = withStdin("long enough password\n", "user", "add", "ada@example.com", "--password-stdin",
        "--data", data.toString());
    Cli promoted = Cli.run("user", "add", "ada@example.com", "--instructor", "--data", data.toString());

    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");
    assertThat(promoted.exit()).isZero();
    assertThat(promoted.out()).contains("instructor: ada@example.com (existing account)");
  }

  @Test
  void mistakesAreExplainedWithUsageExitCodes() {
    assertThat(withStdin("short\n", "user", "add", "x@example.com", "--password-stdin", "--data", data.toString())
        .err()).contains("password refused: Use at least 10 characters.");
    assertThat(Cli.run("user", "add", "not-an-email", "--data", data.toString()).exit()).isEqualTo(2);
    Cli notInstructor = Cli.run("token", "create", "CI", "--owner", "nobody@example.com", "--data", data.toString());
    assertThat(notInstructor.exit()).isEqualTo(1);
    assertThat(notInstructor.err()).contains("is not an instructor account");
  }
}
