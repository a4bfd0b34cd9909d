package io.trafficlab.web.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The database: a HikariCP pool over H2 (a file under the data directory by default) or PostgreSQL,
 * migrated by Flyway at start-up. The same migrations run on both.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * The default H2 file database under {@code dataDir}. {@code WRITE_DELAY=0} writes every commit to
   * the file before the commit returns: with H2's default (500 ms) a kill -9 loses the writes of the
   * last half second, although the web app already told the learner they were saved.
   */
  public static String h2FileUrl(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("trafficlab") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
  }

  /** An in-memory H2 database that lives as long as the pool (tests). */
  public static String h2MemoryUrl(String name) {
    return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
  }

  public static Database open(String jdbcUrl, String user, String password) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    if (user != null) {
      cfg.setUsername(user);
    }
    if (password != null) {
      cfg.setPassword(password);
    }
    cfg.setMaximumPoolSize(8);
    cfg.setPoolName("trafficlab-db");
    HikariDataSource ds = new HikariDataSource(cfg);
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds);
  }

  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }
}
