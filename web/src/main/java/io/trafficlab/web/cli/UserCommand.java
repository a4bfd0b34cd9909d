package io.trafficlab.web.cli;

import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.account.Role;
import io.trafficlab.web.account.User;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.db.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
 * {@code trafficlab user add EMAIL [--name NAME] [--instructor] [--password-stdin]}: creates an
 * account in the web app's database, or makes an existing one an instructor. Exit 0 done, 1 refused
 * (e.g. the account exists and nothing was asked to change), 2 usage.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage web app accounts.",
    subcommands = {UserCommand.Add.class})
final class UserCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: try 'trafficlab user add EMAIL'");
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Create an account (or make an existing one an instructor with --instructor).")
  static final class Add implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Parameters(paramLabel = "EMAIL", description = "the account's e-mail address")
    String email;

    @Option(names = "--name", description = "display name (default: the part of EMAIL before @)")
    String name;

    @Option(names = "--instructor", description = "give the account the instructor role")
    boolean instructor;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input "
        + "(default: env TRAFFICLAB_PASSWORD)")
    boolean passwordStdin;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!email.matches("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,63}")) {
        err.println("trafficlab user add: not an e-mail address: " + email);
        return 2;
      }
      Database database;
      try {
        database = db.open();
      } catch (RuntimeException e) {
        err.println("trafficlab user add: cannot open the database: " + DbOptions.rootMessage(e));
        return 1;
      }
      try (database) {
        UserRepository users = new UserRepository(database.dataSource());
        Optional<User> existing = users.findByEmail(email);
        if (existing.isPresent()) {
          if (!instructor) {
            err.println("trafficlab user add: " + existing.get().email() + " already exists (add --instructor to promote it)");
            return 1;
          }
          users.setRole(existing.get().id(), Role.INSTRUCTOR);
          out.println("instructor: " + existing.get().email() + " (existing account)");
          return 0;
        }
        String password = passwordStdin
            ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine()
            : System.getenv("TRAFFICLAB_PASSWORD");
        if (password == null) {
          err.println("trafficlab user add: give the password with --password-stdin or env TRAFFICLAB_PASSWORD");
          return 2;
        }
        String problem = Passwords.problem(password);
        if (problem != null) {
          err.println("trafficlab user add: password refused: " + problem);
          return 2;
        }
        String display = name != null && !name.isBlank() ? name.strip() : email.substring(0, email.indexOf('@'));
        User u = users.create(email, display, Passwords.standard().hash(password),
            instructor ? Role.INSTRUCTOR : Role.LEARNER).orElseThrow();
        out.println((instructor ? "instructor: " : "learner: ") + u.email() + " (created)");
        return 0;
      }
    }
  }
}
