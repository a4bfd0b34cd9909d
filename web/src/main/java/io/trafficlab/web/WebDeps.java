package io.trafficlab.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.grade.GradingService;
import io.trafficlab.web.grade.Labs;
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
 * @param lab        the door to the traffic engine (tests pass a fake; production uses {@link Labs#standard()})
 * @param grading    the bounded grading queue shared by the learner pages and the API, grading with {@code lab}
 * @param metrics    the Prometheus registry scraped at /metrics
 * @param dataDir    where uploaded packs are kept ({@code <dataDir>/packs/<id>})
 */
public record WebDeps(Database database, PackCatalog packs, Templates templates, Passwords passwords,
    Optional<String> adminEmail, Clock clock, TrafficLab lab, GradingService grading,
    PrometheusMeterRegistry metrics, Path dataDir) {

  /** The grading limits of DESIGN §8. */
  public static final int MAX_CONCURRENT_GRADINGS = Math.max(1, Runtime.getRuntime().availableProcessors());
  public static final int GRADING_QUEUE = 32;
  public static final Duration GRADING_DEADLINE = Duration.ofSeconds(20);

  /** The standard lab and grading, metrics of their own, uploaded packs under ./data. */
  public WebDeps(Database database, PackCatalog packs, Templates templates, Passwords passwords,
      Optional<String> adminEmail, Clock clock) {
    this(database, packs, templates, passwords, adminEmail, clock, Labs.standard(), newMetrics(), Path.of("data"));
  }

  /** With another lab (tests, or a server that chose one), grading and metrics of its own. */
  public WebDeps(Database database, PackCatalog packs, Templates templates, Passwords passwords,
      Optional<String> adminEmail, Clock clock, TrafficLab lab) {
    this(database, packs, templates, passwords, adminEmail, clock, lab, newMetrics(), Path.of("data"));
  }

  private WebDeps(Database database, PackCatalog packs, Templates templates, Passwords passwords,
      Optional<String> adminEmail, Clock clock, TrafficLab lab, PrometheusMeterRegistry metrics, Path dataDir) {
    this(database, packs, templates, passwords, adminEmail, clock, lab, grading(lab, metrics), metrics, dataDir);
  }

  public static WebDeps of(Database db, PackCatalog packs, Templates templates) {
    return new WebDeps(db, packs, templates, Passwords.standard(), Optional.empty(), Clock.systemUTC());
  }

  /** The same deps with another lab (tests); the grading service is rebuilt around it. */
  public WebDeps withLab(TrafficLab other) {
    grading.close();
    return new WebDeps(database, packs, templates, passwords, adminEmail, clock, other, metrics, dataDir);
  }

  /** The same deps with another grading service (tests that shape the queue); closes the old one. */
  public WebDeps withGrading(GradingService other) {
    grading.close();
    return new WebDeps(database, packs, templates, passwords, adminEmail, clock, lab, other, metrics, dataDir);
  }

  public WebDeps withDataDir(Path dir) {
    return new WebDeps(database, packs, templates, passwords, adminEmail, clock, lab, grading, metrics, dir);
  }

  static GradingService grading(TrafficLab lab, PrometheusMeterRegistry metrics) {
    return new GradingService(new Grader(new ConfigFrontEnd(), lab), MAX_CONCURRENT_GRADINGS, GRADING_QUEUE,
        GRADING_DEADLINE, metrics);
  }

  static PrometheusMeterRegistry newMetrics() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }
}
