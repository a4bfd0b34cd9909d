package io.trafficlab.web;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.trafficlab.web.account.AccountController;
import io.trafficlab.web.account.AccountLimits;
import io.trafficlab.web.account.ExpiredSessionSweeper;
import io.trafficlab.web.account.SessionFilter;
import io.trafficlab.web.account.SessionStore;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.account.Visitor;
import io.trafficlab.web.api.ApiController;
import io.trafficlab.web.api.ApiErrors;
import io.trafficlab.web.api.ApiException;
import io.trafficlab.web.api.ApiTokens;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.attempt.Progress;
import io.trafficlab.web.exercise.AttemptController;
import io.trafficlab.web.exercise.ExerciseController;
import io.trafficlab.web.exercise.Exercises;
import io.trafficlab.web.exercise.OpenedHintRepository;
import io.trafficlab.web.instructor.InstructorRoutes;
import io.trafficlab.web.lesson.LessonController;
import io.trafficlab.web.pack.PackSettings;
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

  /** The largest request body: a pack upload (the API's YAML limit is far smaller). */
  static final long MAX_BODY_BYTES = 8L * 1024 * 1024;
  /** Bodies over the limit up to this size are read and dropped before the 413 (see refuseOversizedBodies). */
  static final long DRAIN_LIMIT_BYTES = 32L * 1024 * 1024;

  /** How often expired sessions are deleted (and once at start). */
  static final Duration SESSION_SWEEP_EVERY = Duration.ofHours(1);

  private WebApp() {}

  public static Javalin create(WebDeps deps) {
    UserRepository users = new UserRepository(deps.database().dataSource());
    SessionStore sessionStore = new SessionStore(deps.database().dataSource(), deps.clock());
    SessionFilter sessions = new SessionFilter(sessionStore, users);
    ExpiredSessionSweeper sweeper = new ExpiredSessionSweeper(sessionStore, SESSION_SWEEP_EVERY);
    AccountController accounts = new AccountController(users, deps.passwords(), sessions,
        deps.templates(), deps.adminEmail(), AccountLimits.standard(System::nanoTime));
    LessonController lessons = new LessonController(deps.packs(), deps.templates());
    PackSettings packSettings = new PackSettings(deps.database().dataSource(), deps.clock());
    deps.packs().useSettings(packSettings::disabledIds);
    ApiTokens tokens = new ApiTokens(deps.database().dataSource(), deps.clock());
    AttemptRepository attempts = new AttemptRepository(deps.database().dataSource());
    ApiController api = new ApiController(deps.packs(), deps.grading(), attempts, tokens, deps.clock());
    bindJvmMetrics(deps);
    Exercises exercises = new Exercises(deps.packs());
    ExerciseController exercisePages = new ExerciseController(exercises, attempts,
        new OpenedHintRepository(deps.database().dataSource(), deps.clock()), deps.grading(), deps.lab(),
        deps.templates(), deps.clock());
    QuizController quizzes = new QuizController(deps.packs(), deps.templates());
    AttemptController attemptPages = new AttemptController(attempts, exercises, deps.templates());
    return Javalin.create(cfg -> {
      cfg.events.serverStarted(sweeper::start);
      cfg.events.serverStopping(sweeper::close);
      cfg.staticFiles.add(s -> {
        s.hostedPath = "/static";
        s.directory = "/io/trafficlab/web/static";
        s.location = Location.CLASSPATH;
      });
      cfg.staticFiles.enableWebjars();
      cfg.http.maxRequestSize = 1024 * 1024;
      // Pack uploads: the handler refuses more than 5 MiB with a page that says so. Jetty reads up to
      // 32 MiB so that such a page reliably reaches the client; beyond that it refuses without
      // reading, and a client still sending may see the connection reset instead.
      cfg.jetty.multipartConfig.maxFileSize(8, SizeUnit.MB);
      cfg.jetty.multipartConfig.maxTotalRequestSize(8, SizeUnit.MB);
      cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
      cfg.routes.before(WebApp::refuseOversizedBodies);
      cfg.routes.before(sessions::handle);
      cfg.routes.get("/healthz", ctx -> {
        if (databaseUp(deps)) {
          ctx.json(Map.of("status", "ok"));
        } else {
          ApiErrors.write(ctx, 503, "database_unavailable", "The database does not answer.");
        }
      });
      cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
          .result(deps.metrics().scrape()));
      cfg.routes.post("/api/v1/validate", api::validate);
      cfg.routes.post("/api/v1/exercises/{pack}/{exercise}/grade", api::grade);
      cfg.routes.get("/api/v1/attempts/{id}", api::attempt);
      InstructorRoutes.register(cfg.routes, deps, packSettings, tokens, attempts, users);
      cfg.routes.get("/", ctx -> ctx.html(deps.templates().render("home.jte", HomePage.of(
          Chrome.of("Learn Istio traffic management", Visitor.of(ctx)), deps.packs(),
          Visitor.of(ctx).user().map(u -> Progress.of(attempts.forUser(u.id()))).orElse(Progress.NONE),
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
      cfg.routes.exception(ApiException.class, (e, ctx) -> {
        countError(deps, e.code());
        ApiErrors.write(ctx, e);
      });
      cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
        countError(deps, ApiErrors.codeFor(e.getStatus()));
        if (ApiErrors.isApi(ctx)) {
          ApiErrors.write(ctx, e.getStatus(), ApiErrors.codeFor(e.getStatus()), e.getMessage());
        } else {
          ctx.status(e.getStatus()).html(errorPage(e.getStatus(), e.getMessage()));
        }
      });
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        Integer refused = badMessageStatus(e);
        if (refused != null) {
          // Jetty refused the request itself (e.g. a multipart body over the limit): the client's fault.
          countError(deps, ApiErrors.codeFor(refused));
          String msg = refused == 413 ? "The request is too large." : "The request could not be read.";
          if (ApiErrors.isApi(ctx)) {
            ApiErrors.write(ctx, refused, ApiErrors.codeFor(refused), msg);
          } else {
            ctx.status(refused).html(errorPage(refused, msg));
          }
          return;
        }
        countError(deps, "internal_error");
        LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
        ctx.status(500).json(Map.of("status", 500, "code", "internal_error",
            "message", "Something went wrong on our side; the error was logged."));
      });
    });
  }

  /** Refuses bodies over the largest upload before anything parses them (Content-Length known). */
  private static void refuseOversizedBodies(io.javalin.http.Context ctx) {
    long length = ctx.contentLength();
    if (length > MAX_BODY_BYTES) {
      // Read what a client is still sending before answering: a server that closes with unread data
      // makes the kernel reset the connection, and the client never sees the 413. Bodies beyond the
      // drain limit are refused unread (such a client may see the reset).
      if (length <= DRAIN_LIMIT_BYTES && !"100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
        try (java.io.InputStream in = ctx.req().getInputStream()) {
          in.skip(length);
          while (in.read() >= 0 && in.skip(DRAIN_LIMIT_BYTES) >= 0) {
            // drained
          }
        } catch (java.io.IOException ignored) {
          // the client went away: nobody to answer
        }
      }
      throw new io.javalin.http.ContentTooLargeResponse("The request is larger than "
          + MAX_BODY_BYTES / (1024 * 1024) + " MiB.", Map.of());
    }
  }

  /** The 4xx status of a request Jetty refused to parse (e.g. a bad multipart body), or null. */
  private static Integer badMessageStatus(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.http.HttpException bad && bad.getCode() >= 400 && bad.getCode() < 500) {
        return bad.getCode();
      }
    }
    return null;
  }

  /** The small HTML error page of the site (no stack traces, the message escaped). */
  static String errorPage(int status, String message) {
    String title = switch (status) {
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 413 -> "Too large";
      default -> status >= 500 ? "Something went wrong" : "Bad request";
    };
    return "<!doctype html><title>" + title + "</title><main style=\"font-family:system-ui;max-width:40rem;margin:3rem auto\">"
        + "<h1>" + title + "</h1><p>" + escape(message) + "</p><p><a href=\"/\">Home</a></p></main>";
  }

  private static void countError(WebDeps deps, String code) {
    if (deps != null) {
      Counter.builder("trafficlab.errors").description("Requests answered with an error, by code")
          .tag("code", code).register(deps.metrics()).increment();
    }
  }

  private static boolean databaseUp(WebDeps deps) {
    try (java.sql.Connection c = deps.database().dataSource().getConnection()) {
      return c.isValid(2);
    } catch (java.sql.SQLException | RuntimeException e) {
      LOG.warn("health check: database does not answer: {}", e.toString());
      return false;
    }
  }

  private static void bindJvmMetrics(WebDeps deps) {
    var r = deps.metrics();
    new JvmMemoryMetrics().bindTo(r);
    new JvmGcMetrics().bindTo(r);
    new JvmThreadMetrics().bindTo(r);
    new ClassLoaderMetrics().bindTo(r);
    new ProcessorMetrics().bindTo(r);
    new UptimeMetrics().bindTo(r);
  }

  static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
