package io.trafficlab.web;

import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A dev server with the {@link WeightsFakeLab} (no engine needed) for looking at pages in a browser:
 * {@code java -cp web/target/classes:web/target/test-classes:DEPS io.trafficlab.web.DemoServer 7099 /tmp/dir}.
 */
public final class LearnerDemoServer {
  private LearnerDemoServer() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7099;
    Path data = Path.of(args.length > 1 ? args[1] : "/tmp/tldemo");
    Database db = Database.open(Database.h2FileUrl(data), null, null);
    WeightsFakeLab lab = new WeightsFakeLab();
    lab.hostile = Boolean.getBoolean("hostile");
    WebApp.create(new WebDeps(db, PackCatalog.load(List.of(Path.of("web/src/test/resources/packs"))), Templates.create(),
        new Passwords(4), Optional.empty(), Clock.systemUTC(), lab)).start(port);
  }
}
