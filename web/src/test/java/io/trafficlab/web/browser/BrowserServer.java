package io.trafficlab.web.browser;

import io.javalin.Javalin;
import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.labs.run.TrafficLabs;
import io.trafficlab.web.WebApp;
import io.trafficlab.web.WebDeps;
import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The real web app as {@code trafficlab serve --admin} would run it, for browser tests: a temporary
 * H2 file database, the built-in pack plus the web and labs test packs, the engine's
 * {@link TrafficLab} (found as a service, so grading sends real traffic) and an instructor address.
 * Listens on a free port of localhost.
 */
final class BrowserServer implements AutoCloseable {
  static final String ADMIN_EMAIL = "teacher@example.com";
  static final String PASSWORD = "long enough password";

  private final Path dataDir;
  private final Database db;
  private final WebDeps deps;
  private final Javalin app;

  private BrowserServer() throws IOException {
    dataDir = Files.createTempDirectory("trafficlab-browser");
    db = Database.open(Database.h2FileUrl(dataDir), null, null);
    PackCatalog packs = PackCatalog.load(List.of(Path.of("src/test/resources/packs"),
        Path.of("../labs/src/test/resources/packs")));
    TrafficLab lab = TrafficLabs.find().orElseThrow(() -> new IllegalStateException(
        "no TrafficLab service on the class path: the browser tests grade with the real engine"));
    deps = new WebDeps(db, packs, Templates.create(), new Passwords(4), Optional.of(ADMIN_EMAIL),
        Clock.systemUTC(), lab).withDataDir(dataDir);
    app = WebApp.create(deps).start("127.0.0.1", 0);
  }

  static BrowserServer start() throws IOException {
    return new BrowserServer();
  }

  /** The address of a path on this server, e.g. {@code url("/")}. */
  String url(String path) {
    return "http://127.0.0.1:" + app.port() + path;
  }

  int port() {
    return app.port();
  }

  WebDeps deps() {
    return deps;
  }

  @Override
  public void close() throws IOException {
    app.stop();
    deps.grading().close();
    db.close();
    try (var files = Files.walk(dataDir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Runs the test server until killed, for looking at it by hand: {@code BrowserServer [port]}. */
  public static void main(String[] args) throws Exception {
    BrowserServer s = start();
    System.out.println("serving " + s.url("/"));
    Thread.currentThread().join();
  }
}
