package io.trafficlab.web.cli;

import io.javalin.Javalin;
import io.trafficlab.web.WebApp;
import io.trafficlab.web.WebDeps;
import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.account.Role;
import io.trafficlab.web.account.UserRepository;
import java.time.Clock;
import java.util.Optional;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.pack.PackInstaller;
import io.trafficlab.web.view.Templates;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trafficlab serve}: the web app on embedded H2 (or PostgreSQL) with the built-in pack. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the web app (lessons, exercises with instant grading, instructor dashboard).")
final class ServeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "7070", description = "HTTP port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data", defaultValue = "data",
      description = "directory of the H2 database and of uploaded packs (default: ./${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--db-url", description = "JDBC URL, e.g. jdbc:postgresql://localhost/trafficlab (default: H2 under --data)")
  String dbUrl;

  @Option(names = "--db-user", description = "database user (PostgreSQL)")
  String dbUser;

  @Option(names = "--db-password", description = "database password (or env TRAFFICLAB_DB_PASSWORD)")
  String dbPassword;

  @Option(names = "--packs", arity = "1..*", description = "extra pack directories, loaded at start-up")
  List<Path> packs = List.of();

  @Option(names = "--admin", paramLabel = "EMAIL",
      description = "make this account an instructor (it becomes one when it signs up, or at once if it exists)")
  String admin;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      err.println("trafficlab serve: --port must be between 0 and 65535, got " + port);
      return 2;
    }
    String url = dbUrl;
    if (url == null) {
      Files.createDirectories(data);
      url = Database.h2FileUrl(data);
    }
    String password = dbPassword != null ? dbPassword : System.getenv("TRAFFICLAB_DB_PASSWORD");
    Database db;
    try {
      db = Database.open(url, dbUser, password);
    } catch (RuntimeException e) {
      err.println("trafficlab serve: cannot open the database " + url + ": " + rootMessage(e));
      return 1;
    }
    PackCatalog catalog = PackCatalog.load(packs);
    catalog.addAll(PackInstaller.packsDir(data), "uploaded");
    catalog.all().forEach(e -> {
      if (!e.problems().isEmpty()) {
        err.println("warning: pack " + e.pack().id() + " (" + e.origin() + ") has " + e.problems().list().size()
            + " problem(s); run: trafficlab pack validate <dir>");
      }
    });
    Optional<String> adminEmail = Optional.ofNullable(admin);
    adminEmail.ifPresent(email -> {
      UserRepository users = new UserRepository(db.dataSource());
      users.findByEmail(email).ifPresentOrElse(u -> {
        users.setRole(u.id(), Role.INSTRUCTOR);
        out.println("instructor: " + u.email());
      }, () -> out.println("instructor: " + email + " (becomes an instructor when this address signs up at /signup)"));
    });
    WebDeps deps = new WebDeps(db, catalog, Templates.create(), Passwords.standard(), adminEmail,
        Clock.systemUTC()).withDataDir(data);
    Javalin app = WebApp.create(deps);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.stop();
      deps.grading().close();
      db.close();
      stopped.countDown();
    }, "trafficlab-shutdown"));
    app.start(port);
    out.println("trafficlab is serving http://localhost:" + app.port() + "/ (database: " + url + ")");
    out.flush();
    stopped.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
