package io.trafficlab.web;

import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything the web app needs, built once by the composition root (serve command or a test).
 *
 * @param adminEmail the account that is (or becomes, on sign-up) an instructor
 */
public record WebDeps(Database database, PackCatalog packs, Templates templates, Passwords passwords,
    Optional<String> adminEmail, Clock clock) {

  public static WebDeps of(Database db, PackCatalog packs, Templates templates) {
    return new WebDeps(db, packs, templates, Passwords.standard(), Optional.empty(), Clock.systemUTC());
  }
}
