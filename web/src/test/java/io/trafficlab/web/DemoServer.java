package io.trafficlab.web;

import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import io.trafficlab.labs.grade.CheckResult;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.ReportJson;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.ExerciseSource;
import io.trafficlab.web.account.Role;
import io.trafficlab.web.account.SessionStore;
import io.trafficlab.web.account.User;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.api.ApiTokens;
import io.trafficlab.web.attempt.Attempt;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Test-only: the app with the built-in pack, demo learners and attempts, for screenshots. A second
 * tiny server on {@code cookiePort} hands out a signed-in instructor session cookie (cookies are not
 * per port) and redirects to the page named by its path, so headless Chromium can open instructor
 * pages: {@code chromium --screenshot http://localhost:COOKIEPORT/instructor}.
 */
public final class DemoServer {
  static final String[][] DEMO = {{"canary-90-10", "Send 10 % of traffic to v2"},
      {"header-routing", "Route testers by header"}, {"retries-503", "Retry 503s three times"},
      {"timeout-2s", "Give up after two seconds"}, {"fault-delay", "Inject a 5 s delay for jason"},
      {"mirror-v3", "Mirror traffic to v3"}, {"circuit-breaker", "Eject a failing pod"},
      {"gateway-https", "Serve HTTPS at the gateway"}};

  /** A pack of copies of the test exercise under demo names, so the grid has columns. */
  static Path demoPack() throws java.io.IOException {
    Path src = Path.of("../labs/src/test/resources/packs/test-pack");
    Path root = Files.createTempDirectory("trafficlab-demo-packs").resolve("traffic-basics");
    Files.createDirectories(root.resolve("lessons"));
    Files.writeString(root.resolve("pack.yaml"), "id: traffic-basics\ntitle: Traffic basics\nversion: 1\n"
        + "description: Demo exercises.\nlessons:\n  - 01-header-canary\n");
    Files.writeString(root.resolve("lessons/01-header-canary.md"),
        Files.readString(src.resolve("lessons/01-header-canary.md")));
    for (String[] d : DEMO) {
      Path ex = Files.createDirectories(root.resolve("exercises").resolve(d[0]));
      Path from = src.resolve("exercises/header-canary");
      for (String f : List.of("instructions.md", "starter.yaml", "solution.yaml")) {
        Files.writeString(ex.resolve(f), Files.readString(from.resolve(f)));
      }
      Files.writeString(ex.resolve("exercise.yaml"), Files.readString(from.resolve("exercise.yaml"))
          .replace("id: header-canary", "id: " + d[0]).replace("title: Send canary testers to v2", "title: " + d[1])
          .replaceAll("(?s)misconceptions:.*", ""));
    }
    return root.getParent();
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int cookiePort = Integer.parseInt(args[1]);
    Database db = Database.open(Database.h2MemoryUrl("demo"), null, null);
    PackCatalog packs = PackCatalog.load(List.of(Path.of("../labs/src/test/resources/packs"), demoPack()));
    WebDeps deps = new WebDeps(db, packs, Templates.create(), TestApp.FAST, Optional.empty(), Clock.systemUTC())
        .withDataDir(Files.createTempDirectory("trafficlab-demo"));
    UserRepository users = new UserRepository(db.dataSource());
    User teacher = users.create("teacher@example.com", "Grace Hopper", TestApp.FAST.hash(TestApp.PASSWORD),
        Role.INSTRUCTOR).orElseThrow();
    String[] names = {"Ada Lovelace", "Alan Turing", "Barbara Liskov", "Edsger Dijkstra", "Frances Allen",
        "Ken Thompson", "Margaret Hamilton", "Radia Perlman"};
    List<User> learners = new ArrayList<>();
    for (String n : names) {
      learners.add(users.create(n.split(" ")[0].toLowerCase() + "@example.com", n, TestApp.FAST.hash(TestApp.PASSWORD),
          Role.LEARNER).orElseThrow());
    }
    AttemptRepository attempts = new AttemptRepository(db.dataSource());
    Random rnd = new Random(7);
    for (PackCatalog.Entry e : packs.everything()) {
      for (ExerciseSource src : e.pack().exercises()) {
        var parsed = new ExerciseParser().parse(e.pack().id(), src, 0);
        if (parsed.exercise() == null) {
          continue;
        }
        var ex = parsed.exercise();
        for (int i = 0; i < learners.size() + 2; i++) {
          if (rnd.nextInt(10) < 3) {
            continue;
          }
          int tries = 1 + rnd.nextInt(4);
          for (int k = 0; k < tries; k++) {
            List<CheckResult> checks = new ArrayList<>();
            for (var c : ex.checks()) {
              boolean pass = rnd.nextInt(10) < 6 + k;
              checks.add(new CheckResult(c.id(), c.task(), c.title(), pass ? CheckStatus.PASS : CheckStatus.FAIL,
                  pass ? c.points() : 0, c.points(), pass ? "" : "4 of 5 requests reached v1 (expected v2)",
                  pass ? "" : "Header names in matches are lower-case.", List.of()));
            }
            int score = checks.stream().mapToInt(CheckResult::points).sum();
            GradeReport r = new GradeReport(ex.ref(), score == ex.maxScore() ? CheckStatus.PASS : CheckStatus.FAIL,
                score, ex.maxScore(), "", List.of(), checks, List.of(), 0, 180.0);
            boolean api = i >= learners.size();
            attempts.save(new Attempt(AttemptRepository.newId(), api ? null : learners.get(i).id(),
                api ? "moodle:" + (1040 + i) : null, e.pack().id(), ex.id(), 0, ex.starter(), r.status().wireName(),
                score, ex.maxScore(), ReportJson.toJson(r).toString(), false,
                Instant.parse("2026-03-01T09:00:00Z").plusSeconds(3600L * k + 86_400L * i)));
          }
        }
      }
    }
    new ApiTokens(db.dataSource(), Clock.systemUTC()).create("Moodle (production)", teacher.id());
    Javalin app = WebApp.create(deps).start(port);
    String session = new SessionStore(db.dataSource(), Clock.systemUTC()).create(teacher.id()).id();
    HttpServer cookies = HttpServer.create(new InetSocketAddress("127.0.0.1", cookiePort), 0);
    cookies.createContext("/", x -> {
      x.getResponseHeaders().add("Set-Cookie", "tl_session=" + session + "; Path=/; HttpOnly; SameSite=Lax");
      x.getResponseHeaders().add("Location", "http://localhost:" + app.port() + x.getRequestURI());
      x.sendResponseHeaders(302, -1);
      x.close();
    });
    cookies.start();
    System.out.println("demo: http://localhost:" + app.port() + "/ (signed in via http://localhost:" + cookiePort + "/...)");
  }
}
