package io.trafficlab.web;

import io.javalin.Javalin;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.account.Role;
import io.trafficlab.web.account.User;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.api.ApiTokens;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.grade.GradingService;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A running app on an in-memory H2 database with the labs test pack and a fake lab, for HTTP tests. */
public final class TestApp implements AutoCloseable {
  static final Passwords FAST = new Passwords(4);
  private static final AtomicInteger DBS = new AtomicInteger();
  public static final String PASSWORD = "long enough password";

  public final Database db;
  public final WebDeps deps;
  public final Javalin app;
  public final Path dataDir;
  public final HttpClient http = HttpClient.newHttpClient();

  private TestApp(TrafficLab lab, int concurrency, int queue) throws Exception {
    this(lab, concurrency, queue, Path.of("../labs/src/test/resources/packs"), Duration.ofSeconds(20));
  }

  private TestApp(TrafficLab lab, int concurrency, int queue, Path packsDir, Duration deadline) throws Exception {
    db = Database.open(Database.h2MemoryUrl("testapp" + DBS.incrementAndGet()), null, null);
    dataDir = Files.createTempDirectory("trafficlab-test-data");
    PackCatalog packs = PackCatalog.load(List.of(packsDir));
    WebDeps base = new WebDeps(db, packs, Templates.create(), FAST, Optional.empty(), Clock.systemUTC())
        .withDataDir(dataDir);
    deps = base.withGrading(new GradingService(new Grader(new ConfigFrontEnd(), lab), concurrency, queue,
        deadline, base.metrics()));
    app = WebApp.create(deps).start(0);
  }

  /**
   * The real engine ({@code EngineTrafficLab}: pods, proxies and traffic over loopback) grading the
   * built-in pack, with the given grading limits.
   */
  public static TestApp withEngine(int concurrency, int queue, Duration deadline) throws Exception {
    return new TestApp(new io.trafficlab.labs.run.EngineTrafficLab(), concurrency, queue,
        Path.of("../content/packs"), deadline);
  }

  /** Every traffic check passes. */
  public static TestApp start() throws Exception {
    return new TestApp(new FakeLab(id -> true), 2, 8);
  }

  public static TestApp start(TrafficLab lab, int concurrency, int queue) throws Exception {
    return new TestApp(lab, concurrency, queue);
  }

  public User user(String email, String name, Role role) {
    UserRepository users = new UserRepository(db.dataSource());
    return users.findByEmail(email).orElseGet(() -> users.create(email, name, FAST.hash(PASSWORD), role).orElseThrow());
  }

  /** A browser signed in as a (new or existing) account with this role. */
  public TestBrowser signedIn(String email, Role role) throws Exception {
    user(email, email.substring(0, email.indexOf('@')), role);
    TestBrowser b = new TestBrowser(app.port());
    b.get("/signin");
    HttpResponse<String> r = b.post("/signin", Map.of("email", email, "password", PASSWORD, "next", "/"));
    if (r.statusCode() != 303) {
      throw new AssertionError("sign-in failed: " + r.statusCode());
    }
    b.get("/");
    return b;
  }

  /** A fresh API token of an instructor. */
  public String instructorToken() {
    User u = user("tokens@example.com", "Token owner", Role.INSTRUCTOR);
    return new ApiTokens(db.dataSource(), Clock.systemUTC()).create("test", u.id()).secret();
  }

  public HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public URI uri(String path) {
    return URI.create("http://localhost:" + app.port() + path);
  }

  @Override
  public void close() throws java.io.IOException {
    app.stop();
    deps.grading().close();
    db.close();
    try (var s = Files.walk(dataDir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
