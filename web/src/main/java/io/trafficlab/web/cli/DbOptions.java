package io.trafficlab.web.cli;

import io.trafficlab.web.db.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The database options shared by commands that open the web app's database. */
final class DbOptions {
  @Option(names = "--data", defaultValue = "data", description = "directory of the H2 database (default: ./${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--db-url", description = "JDBC URL, e.g. jdbc:postgresql://localhost/trafficlab (default: H2 under --data)")
  String dbUrl;

  @Option(names = "--db-user", description = "database user (PostgreSQL)")
  String dbUser;

  @Option(names = "--db-password", description = "database password (or env TRAFFICLAB_DB_PASSWORD)")
  String dbPassword;

  String url() throws IOException {
    if (dbUrl != null) {
      return dbUrl;
    }
    Files.createDirectories(data);
    return Database.h2FileUrl(data);
  }

  Database open() throws IOException {
    String password = dbPassword != null ? dbPassword : System.getenv("TRAFFICLAB_DB_PASSWORD");
    return Database.open(url(), dbUser, password);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
