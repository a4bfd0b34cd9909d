package io.trafficlab.web.cli;

import io.trafficlab.web.account.User;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.api.ApiTokens;
import io.trafficlab.web.db.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trafficlab token create NAME --owner EMAIL}: an API token for an LMS or CI job, owned by an
 * instructor. The token is printed once, alone on stdout; only its hash is stored.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens for LMS/CI callers.",
    subcommands = {TokenCommand.Create.class})
final class TokenCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'trafficlab token create NAME --owner EMAIL'");
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create an API token; it is printed once, only its hash is kept.")
  static final class Create implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Parameters(paramLabel = "NAME", description = "what the token is for, e.g. Moodle or CI")
    String name;

    @Option(names = "--owner", required = true, paramLabel = "EMAIL", description = "the instructor who owns the token")
    String owner;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (name.isBlank() || name.length() > 100) {
        err.println("trafficlab token create: NAME must be 1-100 characters");
        return 2;
      }
      Database database;
      try {
        database = db.open();
      } catch (RuntimeException e) {
        err.println("trafficlab token create: cannot open the database: " + DbOptions.rootMessage(e));
        return 1;
      }
      try (database) {
        Optional<User> u = new UserRepository(database.dataSource()).findByEmail(owner);
        if (u.isEmpty() || !u.get().isInstructor()) {
          err.println("trafficlab token create: " + owner + " is not an instructor account"
              + " (create one with: trafficlab user add " + owner + " --instructor)");
          return 1;
        }
        ApiTokens.Created t = new ApiTokens(database.dataSource(), Clock.systemUTC()).create(name.strip(), u.get().id());
        out.println(t.secret());
        err.println("API token \"" + t.name() + "\" created for " + u.get().email()
            + ". It is shown only this once; send it as 'Authorization: Bearer <token>'.");
        return 0;
      }
    }
  }
}
