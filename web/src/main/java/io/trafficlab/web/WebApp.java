package io.trafficlab.web;

import io.javalin.Javalin;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.trafficlab.web.account.AccountController;
import io.trafficlab.web.account.SessionFilter;
import io.trafficlab.web.account.SessionStore;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.account.Visitor;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.attempt.Progress;
import io.trafficlab.web.exercise.AttemptController;
import io.trafficlab.web.exercise.ExerciseController;
import io.trafficlab.web.exercise.Exercises;
import io.trafficlab.web.grade.GradingService;
import io.trafficlab.web.lesson.LessonController;
import io.trafficlab.web.quiz.QuizController;
import io.trafficlab.web.view.Chrome;
import io.trafficlab.web.view.HomePage;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the web app: routes are registered here, handlers load data and pages
 * only render. Unknown exceptions never echo their message to the client.
 */
public final class WebApp {
  private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

  private WebApp() {}

  public static Javalin create(WebDeps deps) {
    UserRepository users = new UserRepository(deps.database().dataSource());
    SessionStore sessionStore = new SessionStore(deps.database().dataSource(), deps.clock());
    SessionFilter sessions = new SessionFilter(sessionStore, users);
    AccountController accounts = new AccountController(users, deps.passwords(), sessions,
        deps.templates(), deps.adminEmail());
    LessonController lessons = new LessonController(deps.packs(), deps.templates());
    AttemptRepository attemptRepo = new AttemptRepository(deps.database().dataSource());
    GradingService grading = new GradingService(new Grader(new ConfigFrontEnd(), deps.lab()),
        Math.max(1, Runtime.getRuntime().availableProcessors()), 32, Duration.ofSeconds(30));
    Exercises exercises = new Exercises(deps.packs());
    ExerciseController exercisePages = new ExerciseController(exercises, attemptRepo, grading, deps.lab(),
        deps.templates(), deps.clock());
    QuizController quizzes = new QuizController(deps.packs(), deps.templates());
    AttemptController attemptPages = new AttemptController(attemptRepo, exercises, deps.templates());
    return Javalin.create(cfg -> {
      cfg.staticFiles.add(s -> {
        s.hostedPath = "/static";
        s.directory = "/io/trafficlab/web/static";
        s.location = Location.CLASSPATH;
      });
      cfg.staticFiles.enableWebjars();
      cfg.http.maxRequestSize = 1024 * 1024;
      cfg.routes.before(sessions::handle);
      cfg.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
      cfg.routes.get("/", ctx -> ctx.html(deps.templates().render("home.jte", HomePage.of(
          Chrome.of("Learn Istio traffic management", Visitor.of(ctx)), deps.packs(),
          Visitor.of(ctx).user().map(u -> Progress.of(attemptRepo.forUser(u.id()))).orElse(Progress.NONE),
          exercises::title))));
      cfg.routes.get("/packs/{pack}/lessons/{lesson}", lessons::show);
      cfg.routes.get("/packs/{pack}/exercises/{id}", exercisePages::show);
      cfg.routes.post("/packs/{pack}/exercises/{id}/validate", exercisePages::validate);
      cfg.routes.post("/packs/{pack}/exercises/{id}/run", exercisePages::run);
      cfg.routes.post("/packs/{pack}/exercises/{id}/hints/{task}", exercisePages::nextHint);
      cfg.routes.post("/packs/{pack}/exercises/{id}/playground", exercisePages::playground);
      cfg.routes.get("/packs/{pack}/quizzes/{lesson}", quizzes::show);
      cfg.routes.post("/packs/{pack}/quizzes/{lesson}", quizzes::grade);
      cfg.routes.get("/attempts/{id}", attemptPages::show);
      cfg.routes.post("/attempts/{id}/share", attemptPages::share);
      cfg.routes.get("/signup", accounts::signUpForm);
      cfg.routes.post("/signup", accounts::signUp);
      cfg.routes.get("/signin", accounts::signInForm);
      cfg.routes.post("/signin", accounts::signIn);
      cfg.routes.post("/signout", accounts::signOut);
      cfg.routes.exception(ForbiddenResponse.class, (e, ctx) -> ctx.status(403)
          .html("<!doctype html><title>Forbidden</title><main style=\"font-family:system-ui;max-width:40rem;margin:3rem auto\">"
              + "<h1>Not allowed</h1><p>" + escape(e.getMessage()) + "</p><p><a href=\"/\">Home</a></p></main>"));
      cfg.routes.exception(io.javalin.http.NotFoundResponse.class, (e, ctx) -> ctx.status(404)
          .html("<!doctype html><title>Not found</title><main style=\"font-family:system-ui;max-width:40rem;margin:3rem auto\">"
              + "<h1>Not found</h1><p>" + escape(e.getMessage()) + "</p><p><a href=\"/\">Home</a></p></main>"));
      cfg.routes.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus())
          .json(Map.of("status", e.getStatus(), "code", "http_" + e.getStatus(), "message", e.getMessage())));
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
        ctx.status(500).json(Map.of("status", 500, "code", "internal_error",
            "message", "Something went wrong on our side; the error was logged."));
      });
    });
  }

  static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
