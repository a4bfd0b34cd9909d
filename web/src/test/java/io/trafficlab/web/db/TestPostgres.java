package io.trafficlab.web.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests. {@code TRAFFICLAB_TEST_PG_URL} (a JDBC URL with user and
 * password, as {@code .ci/run} exports it) wins; without it the first caller starts a throwaway
 * server with {@code scripts/pg-test-server.sh} for the life of this JVM. When neither gives a server
 * the calling test is <em>aborted</em> (reported as skipped, with the reason) — never passed.
 *
 * <p>Every {@link #freshSchema()} is a new, empty schema, so the migrations always run from V1 and
 * tests never see each other's rows, whatever the server already holds.
 */
public final class TestPostgres {
  public static final String URL_ENV = "TRAFFICLAB_TEST_PG_URL";
  private static final String SCRIPT = "scripts/pg-test-server.sh";

  private static String url;
  private static String unavailable;
  private static boolean warned;

  private TestPostgres() {}

  /** The server's JDBC URL (user and password included), starting a server on first use. */
  public static synchronized String url() {
    if (url == null && unavailable == null) {
      String env = System.getenv(URL_ENV);
      if (env != null && !env.isBlank()) {
        url = env.strip();
      } else {
        try {
          url = startServer();
        } catch (IOException | RuntimeException e) {
          unavailable = e.getMessage();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          unavailable = "interrupted while starting PostgreSQL";
        }
      }
    }
    if (url == null) {
      String why = "SKIPPED: no PostgreSQL server for this test. " + URL_ENV + " is not set and " + SCRIPT
          + " could not start one: " + unavailable + " (install it with: apt-get install -y postgresql, or set "
          + URL_ENV + ")";
      if (!warned) {
        warned = true;
        System.err.println(why);
      }
      Assumptions.abort(why);
    }
    return url;
  }

  /** A new empty schema on the server; drop it with {@link Schema#close()}. */
  public static Schema freshSchema() {
    String base = url();
    String name = "tl_test_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    execute(base, "CREATE SCHEMA " + name);
    return new Schema(name, base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name, base);
  }

  /** A schema of its own: {@link #url} makes it the connection's current schema. */
  public record Schema(String name, String url, String serverUrl) implements AutoCloseable {
    @Override
    public void close() {
      execute(serverUrl, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }

  static void execute(String jdbcUrl, String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + sql + ": " + e.getMessage(), e);
    }
  }

  private static String startServer() throws IOException, InterruptedException {
    Path script = findScript();
    Path log = Files.createTempFile("pg-test-server", ".log");
    Process p = new ProcessBuilder("bash", script.toString(), "start", "--owner-pid",
        Long.toString(ProcessHandle.current().pid()))
        .redirectError(log.toFile())
        .start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(SCRIPT + " did not finish within 90 s");
    }
    String err = Files.readString(log).strip();
    Files.deleteIfExists(log);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(SCRIPT + " exited with " + p.exitValue() + ": " + lastLines(err));
    }
    Map<String, String> vars = parseAssignments(new String(out, StandardCharsets.UTF_8));
    String jdbc = vars.get(URL_ENV);
    String dir = vars.get("TRAFFICLAB_TEST_PG_DIR");
    if (jdbc == null || dir == null) {
      throw new IllegalStateException(SCRIPT + " printed no URL: " + lastLines(err));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        new ProcessBuilder("bash", script.toString(), "stop", dir).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
      } catch (IOException e) {
        // the script's watchdog stops the server once this JVM is gone
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pg-test-server-stop"));
    return jdbc;
  }

  /** Parses {@code NAME='value'} lines (the script's stdout). */
  static Map<String, String> parseAssignments(String text) {
    Map<String, String> out = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        String v = line.substring(eq + 1).strip();
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
          v = v.substring(1, v.length() - 1);
        }
        out.put(line.substring(0, eq).strip(), v);
      }
    }
    return out;
  }

  private static Path findScript() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      Path candidate = dir.resolve(SCRIPT);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(SCRIPT + " not found above " + Path.of("").toAbsolutePath());
  }

  private static String lastLines(String s) {
    String[] lines = s.split("\n");
    return String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 6), lines.length));
  }
}
