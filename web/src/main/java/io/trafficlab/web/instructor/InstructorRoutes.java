package io.trafficlab.web.instructor;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.trafficlab.web.WebDeps;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.account.Visitor;
import io.trafficlab.web.api.ApiTokens;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.pack.PackInstaller;
import io.trafficlab.web.pack.PackSettings;
import io.trafficlab.web.pack.PackValidator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Registers the instructor pages. Every handler is wrapped in {@link #instructorsOnly}: anonymous
 * visitors are sent to sign in, learners get a 403 page. The check runs on the server for every
 * request, whatever the page's links show.
 */
public final class InstructorRoutes {
  private InstructorRoutes() {}

  public static void register(RoutesConfig routes, WebDeps deps, PackSettings settings, ApiTokens tokens,
      AttemptRepository attempts, UserRepository users) {
    DashboardController dashboard = new DashboardController(deps.packs(), deps.templates(), attempts, users);
    TokensController tokenPages = new TokensController(deps.templates(), tokens);
    PacksController packs = new PacksController(deps.packs(), deps.templates(), settings,
        new PackInstaller(deps.packs(), deps.dataDir(), PackValidator.FILES_AND_EXERCISES));
    routes.get("/instructor", instructorsOnly(dashboard::dashboard));
    routes.get("/instructor/gradebook.csv", instructorsOnly(dashboard::gradebookCsv));
    routes.get("/instructor/attempts/{id}", instructorsOnly(dashboard::attempt));
    routes.get("/instructor/attempts/{id}/export", instructorsOnly(dashboard::export));
    routes.get("/instructor/tokens", instructorsOnly(tokenPages::list));
    routes.post("/instructor/tokens", instructorsOnly(tokenPages::create));
    routes.post("/instructor/tokens/{id}/revoke", instructorsOnly(tokenPages::revoke));
    routes.get("/instructor/packs", instructorsOnly(packs::list));
    routes.post("/instructor/packs", instructorsOnly(packs::upload));
    routes.post("/instructor/packs/{id}/enabled", instructorsOnly(packs::setEnabled));
  }

  static Handler instructorsOnly(Handler h) {
    return ctx -> {
      Visitor v = Visitor.of(ctx);
      if (!v.signedIn()) {
        String next = ctx.method().name().equals("GET") ? ctx.path()
            + (ctx.queryString() == null ? "" : "?" + ctx.queryString()) : "/instructor";
        ctx.redirect("/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        return;
      }
      if (!v.instructor()) {
        throw new ForbiddenResponse("Only instructors can open this page. Ask an instructor if you need access.");
      }
      h.handle(ctx);
    };
  }

  /** A query parameter, or "" when absent. */
  static String param(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null ? "" : v.strip();
  }
}
