package io.trafficlab.web.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.web.account.Passwords;
import io.trafficlab.web.account.SessionStore;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.attempt.Attempt;
import io.trafficlab.web.attempt.AttemptRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 in the middle of a burst of writes loses nothing that was acknowledged: the server runs in
 * a child JVM on an H2 file database, gets SIGKILL ({@code destroyForcibly}) while writes are in
 * flight, and the reopened database must hold every row whose write the client saw succeed.
 */
class CrashDurabilityTest {
  private static final Pattern SERVING = Pattern.compile("serving http://localhost:(\\d+)/");
  private static final Pattern SESSION_COOKIE = Pattern.compile("^tl_session=([^;]+)");
  private static final Pattern CSRF_COOKIE = Pattern.compile("^tl_csrf=([^;]+)");
  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  Path data;

  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void acknowledgedSignUpsAndSessionsSurviveAKillOfTheServer() throws Exception {
    LinkedQueueLines lines = new LinkedQueueLines();
    child = startChild(lines, "io.trafficlab.web.cli.Main", "serve", "--port", "0", "--data", data.toString());
    long t0 = System.nanoTime();
    int port = Integer.parseInt(lines.await(SERVING, START_TIMEOUT, child).group(1));
    long tStarted = System.nanoTime();

    Set<String> sessions = ConcurrentHashMap.newKeySet();
    Set<String> accounts = ConcurrentHashMap.newKeySet();
    AtomicBoolean crashed = new AtomicBoolean();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ExecutorService burst = Executors.newFixedThreadPool(6);
    AtomicInteger seq = new AtomicInteger();
    List<String> accountList = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < 6; t++) {
      boolean signUps = t < 2;
      burst.submit(() -> {
        while (!crashed.get()) {
          try {
            // Sessions are written on sign-up and sign-in; the session cookie in the answer is the
            // acknowledgement. Two threads create accounts, the others sign in to them.
            String email;
            Map<String, String> form = new java.util.LinkedHashMap<>();
            if (signUps) {
              email = "u" + seq.incrementAndGet() + "@example.com";
              form.put("displayName", "U");
            } else if (accountList.isEmpty()) {
              Thread.sleep(10);
              continue;
            } else {
              email = accountList.get(ThreadLocalRandom.current().nextInt(accountList.size()));
            }
            String path = signUps ? "/signup" : "/signin";
            HttpResponse<String> page = http.send(get(port, path), HttpResponse.BodyHandlers.ofString());
            String csrfCookie = cookie(page, CSRF_COOKIE);
            if (page.statusCode() != 200 || csrfCookie == null) {
              continue;
            }
            form.put("_csrf", match(CSRF, page.body()));
            form.put("email", email);
            form.put("password", "correct horse battery");
            form.put("next", "/");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(port, path))
                .header("Cookie", "tl_csrf=" + csrfCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlEncoded(form))).build(), HttpResponse.BodyHandlers.ofString());
            String sid = cookie(r, SESSION_COOKIE);
            if (r.statusCode() == 303 && sid != null) {
              sessions.add(sid);
              if (signUps) {
                accounts.add(email);
                accountList.add(email);
              }
            }
          } catch (IOException e) {
            return null; // the server is gone: an unanswered write is not acknowledged
          }
        }
        return null;
      });
    }
    // Kill once the burst is well under way: after 100 sessions and an account, or after 5 s if the
    // machine is slow (up to 15 s while not even one account was acknowledged).
    long started = System.nanoTime();
    while (true) {
      long elapsed = System.nanoTime() - started;
      boolean plenty = sessions.size() >= 100 && !accounts.isEmpty();
      boolean some = sessions.size() >= 10 && !accounts.isEmpty();
      if (plenty || (some && elapsed > Duration.ofSeconds(5).toNanos()) || elapsed > Duration.ofSeconds(15).toNanos()) {
        break;
      }
      Thread.sleep(20);
    }
    child.destroyForcibly();
    crashed.set(true);
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    burst.shutdown();
    assertThat(burst.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sessions).as("the burst wrote sessions before the kill").hasSizeGreaterThanOrEqualTo(10);
    assertThat(accounts).as("the burst created accounts before the kill").isNotEmpty();

    System.out.printf("kill -9 after %d acknowledged sessions and %d accounts (server start %d ms, burst %d ms)%n",
        sessions.size(), accounts.size(), (tStarted - t0) / 1_000_000, (System.nanoTime() - tStarted) / 1_000_000);
    try (Database reopened = Database.open(Database.h2FileUrl(data), null, null)) {
      SessionStore store = new SessionStore(reopened.dataSource(), Clock.systemUTC());
      assertThat(sessions.stream().filter(id -> store.find(id).isEmpty()).toList()).as("acknowledged sessions lost").isEmpty();
      UserRepository users = new UserRepository(reopened.dataSource());
      assertThat(accounts.stream().filter(e -> users.findByEmail(e).isEmpty()).toList()).as("acknowledged accounts lost").isEmpty();

      String one = accounts.iterator().next();
      assertThat(new Passwords(4).verify("correct horse battery", users.passwordHash(one).orElseThrow()))
          .as("an account made before the crash still has its password").isTrue();
    }
  }

  @Test
  void acknowledgedAttemptSavesSurviveAKillOfTheWriter() throws Exception {
    LinkedQueueLines lines = new LinkedQueueLines();
    Set<String> saved = ConcurrentHashMap.newKeySet();
    CountDownLatch enough = new CountDownLatch(300);
    lines.onLine = line -> {
      if (line.startsWith("saved ")) {
        saved.add(line.substring(6));
        enough.countDown();
      }
    };
    child = startChild(lines, AttemptSaver.class.getName(), data.toString());
    lines.await(Pattern.compile("^ready$"), START_TIMEOUT, child);
    assertThat(enough.await(15, TimeUnit.SECONDS)).as("300 saves before the kill").isTrue();
    child.destroyForcibly();
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    lines.drained.await(5, TimeUnit.SECONDS);
    assertThat(lines.contains("stopped")).as("the writer was still saving when it was killed").isFalse();

    try (Database reopened = Database.open(Database.h2FileUrl(data), null, null)) {
      AttemptRepository attempts = new AttemptRepository(reopened.dataSource());
      List<String> lost = saved.stream().filter(id -> attempts.find(id).isEmpty()).toList();
      assertThat(lost).as("acknowledged attempts lost out of " + saved.size()).isEmpty();
      assertThat(attempts.count()).isGreaterThanOrEqualTo(saved.size());
    }
  }

  /**
   * The child for the attempt test: saves attempts through {@link AttemptRepository} on four threads
   * and prints {@code saved ID} after each save returned, until it is killed.
   */
  public static final class AttemptSaver {
    public static void main(String[] args) throws Exception {
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      Database db = Database.open(Database.h2FileUrl(Path.of(args[0])), null, null);
      AttemptRepository repo = new AttemptRepository(db.dataSource());
      out.println("ready");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      for (int t = 0; t < 4; t++) {
        pool.submit(() -> {
          for (int i = 0; i < 1_000_000; i++) {
            Attempt a = new Attempt(AttemptRepository.newId(), null, "learner-" + i, "core", "canary", 1,
                "spec:\n  hosts: [reviews]\n" + "#".repeat(i % 2000), "failed", i % 100, 100, "{\"checks\":[]}",
                false, Instant.now());
            repo.save(a);
            synchronized (out) {
              out.println("saved " + a.id());
            }
          }
          return null;
        });
      }
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.HOURS);
      out.println("stopped");
    }
  }

  private static Process startChild(LinkedQueueLines lines, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream().close();
    Thread reader = new Thread(() -> lines.pump(p), "child-stdout");
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  /** The child's stdout, line by line, readable while it runs. */
  private static final class LinkedQueueLines {
    private final List<String> all = new ArrayList<>();
    volatile Consumer<String> onLine = l -> {};
    final CountDownLatch drained = new CountDownLatch(1);

    void pump(Process p) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          onLine.accept(line);
          synchronized (this) {
            all.add(line);
            notifyAll();
          }
        }
      } catch (IOException e) {
        // the child died mid-line: what was read so far counts
      } finally {
        drained.countDown();
      }
    }

    synchronized boolean contains(String line) {
      return all.contains(line);
    }

    synchronized Matcher await(Pattern p, Duration timeout, Process child) throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      int seen = 0;
      while (true) {
        for (; seen < all.size(); seen++) {
          Matcher m = p.matcher(all.get(seen));
          if (m.find()) {
            return m;
          }
        }
        long left = end - System.nanoTime();
        if (left <= 0 || !child.isAlive()) {
          throw new AssertionError("the child did not print " + p + " (alive: " + child.isAlive() + "); it printed: " + all);
        }
        wait(Math.max(1, Math.min(200, left / 1_000_000)));
      }
    }
  }

  private static HttpRequest get(int port, String path) {
    return HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10)).build();
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** The value a Set-Cookie header of the answer gives the cookie, or null. */
  private static String cookie(HttpResponse<String> r, Pattern p) {
    return r.headers().allValues("Set-Cookie").stream().map(c -> match(p, c)).filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
  }

  private static String urlEncoded(Map<String, String> form) {
    StringBuilder sb = new StringBuilder();
    form.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=')
        .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return sb.toString();
  }

  private static String match(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1) : null;
  }
}
