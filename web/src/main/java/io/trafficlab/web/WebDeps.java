package io.trafficlab.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.grade.GradingService;
import io.trafficlab.web.grade.UnavailableTrafficLab;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the web app needs, built once by the composition root (serve command or a test).
 *
 * @param adminEmail the account that is (or becomes, on sign-up) an instructor
 * @param grading    the bounded grading queue shared by the learner pages and the API
 * @param metrics    the Prometheus registry scraped at /metrics
 * @param dataDir    where uploaded packs are kept ({@code <dataDir>/packs/<id>})
 */
public record WebDeps(Database database, PackCatalog packs, Templates templates, Passwords passwords,
    Optional<String> adminEmail, Clock clock, GradingService grading, PrometheusMeterRegistry metrics,
    Path dataDir) {

  /** The grading limits of DESIGN §8. */
  public static final int MAX_CONCURRENT_GRADINGS = 2;
  public static final int GRADING_QUEUE = 16;
  public static final Duration GRADING_DEADLINE = Duration.ofSeconds(20);

  /** The deps of earlier callers: the real engine's grading and a data directory under ./data. */
  public WebDeps(Database database, PackCatalog packs, Templates templates, Passwords passwords,
      Optional<String> adminEmail, Clock clock) {
    this(database, packs, templates, passwords, adminEmail, clock, newMetrics(), Path.of("data"));
  }

  private WebDeps(Database database, PackCatalog packs, Templates templates, Passwords passwords,
      Optional<String> adminEmail, Clock clock, PrometheusMeterRegistry metrics, Path dataDir) {
    this(database, packs, templates, passwords, adminEmail, clock, grading(engineLab(), metrics), metrics,
        dataDir);
  }

  public static WebDeps of(Database db, PackCatalog packs, Templates templates) {
    return new WebDeps(db, packs, templates, Passwords.standard(), Optional.empty(), Clock.systemUTC());
  }

  /** The same deps with another grading service (tests grade with a fake lab); closes the old one. */
  public WebDeps withGrading(GradingService other) {
    grading.close();
    return new WebDeps(database, packs, templates, passwords, adminEmail, clock, other, metrics, dataDir);
  }

  public WebDeps withDataDir(Path dir) {
    return new WebDeps(database, packs, templates, passwords, adminEmail, clock, grading, metrics, dir);
  }

  /**
   * THE place where the real engine is chosen. Until the engine's {@code TrafficLab} lands, traffic
   * checks report "engine not available" as an error; static checks are graded for real.
   */
  static TrafficLab engineLab() {
    return new UnavailableTrafficLab();
  }

  static GradingService grading(TrafficLab lab, PrometheusMeterRegistry metrics) {
    return new GradingService(new Grader(new ConfigFrontEnd(), lab), MAX_CONCURRENT_GRADINGS, GRADING_QUEUE,
        GRADING_DEADLINE, metrics);
  }

  static PrometheusMeterRegistry newMetrics() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }
}
