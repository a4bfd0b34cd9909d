package io.trafficlab.web;

import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.grade.Labs;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything the web app needs, built once by the composition root (serve command or a test).
 *
 * @param adminEmail the account that is (or becomes, on sign-up) an instructor
 * @param lab        the door to the traffic engine (tests pass a fake; production uses {@link Labs#standard()})
 */
public record WebDeps(Database database, PackCatalog packs, Templates templates, Passwords passwords,
    Optional<String> adminEmail, Clock clock, TrafficLab lab) {

  public WebDeps(Database database, PackCatalog packs, Templates templates, Passwords passwords,
      Optional<String> adminEmail, Clock clock) {
    this(database, packs, templates, passwords, adminEmail, clock, Labs.standard());
  }

  public static WebDeps of(Database db, PackCatalog packs, Templates templates) {
    return new WebDeps(db, packs, templates, Passwords.standard(), Optional.empty(), Clock.systemUTC());
  }

  /** The same dependencies with another lab (tests). */
  public WebDeps withLab(TrafficLab other) {
    return new WebDeps(database, packs, templates, passwords, adminEmail, clock, other);
  }
}
