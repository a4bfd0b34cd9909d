package io.trafficlab.web;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.trafficlab.web.view.HomePage;

/**
 * The composition root of the web app: routes are registered here, handlers load data and pages
 * only render. Unknown exceptions never echo their message to the client.
 */
public final class WebApp {
  private WebApp() {}

  public static Javalin create(WebDeps deps) {
    return Javalin.create(cfg -> {
      cfg.staticFiles.add(s -> {
        s.hostedPath = "/static";
        s.directory = "/io/trafficlab/web/static";
        s.location = Location.CLASSPATH;
      });
      cfg.staticFiles.enableWebjars();
      cfg.routes.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "ok")));
      cfg.routes.get("/", ctx -> ctx.html(deps.templates().render("home.jte", HomePage.of(deps.packs()))));
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        org.slf4j.LoggerFactory.getLogger(WebApp.class).error("unhandled error on {}", ctx.path(), e);
        ctx.status(500).json(java.util.Map.of("status", 500, "code", "internal_error",
            "message", "Something went wrong on our side; the error was logged."));
      });
    });
  }
}
