package io.trafficlab.web.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load driver of {@code scripts/load-test.sh} (JDK only, run as a single source file): drives
 * concurrent gradings with saves through the JSON API of one running server on loopback, retrying a
 * 429 after its Retry-After like a well-behaved LMS, then checks every saved attempt and measures the
 * grading latency on a warm server one request at a time. Bounded in count and time; prints a report.
 *
 * <pre>
 * java LoadDriver.java BASE_URL TOKEN PACK/EXERCISE SOLUTION_FILE CONCURRENCY LATENCY_RUNS [LATENCY_SOLUTION_FILE LATENCY_EXERCISE]
 * </pre>
 */
public final class LoadDriver {
  private static final Pattern STATUS = Pattern.compile("^\\{\"exercise\":\"[^\"]*\",\"status\":\"([a-z]+)\"");
  private static final Pattern ATTEMPT = Pattern.compile("\"attempt\":\\{\"id\":\"([^\"]+)\"");
  private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]*\"} ([0-9.E+]+)");
  private static final Duration TOTAL_BOUND = Duration.ofMinutes(6);
  private static final int MAX_TRIES = 60;

  record Outcome(int http, String status, String attemptId, double millis, int tries, int rejected) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println("usage: LoadDriver BASE_URL TOKEN PACK/EXERCISE SOLUTION_FILE CONCURRENCY LATENCY_RUNS"
          + " [LATENCY_SOLUTION_FILE LATENCY_EXERCISE]");
      System.exit(2);
    }
    String base = args[0];
    if (!URI.create(base).getHost().matches("127\\.0\\.0\\.1|localhost|\\[::1]")) {
      throw new IllegalArgumentException("loopback only: " + base);
    }
    String token = args[1];
    String exercise = args[2];
    String solution = Files.readString(Path.of(args[3]));
    int concurrency = Integer.parseInt(args[4]);
    int latencyRuns = Integer.parseInt(args[5]);
    String latencySolution = args.length > 7 ? Files.readString(Path.of(args[6])) : solution;
    String latencyExercise = args.length > 7 ? args[7] : exercise;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + TOTAL_BOUND.toNanos();

    // ---- phase 1: concurrent gradings with saves -------------------------------------------------
    AtomicLong peakHeap = new AtomicLong();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        peakHeap.accumulateAndGet(heapBytes(http, base), Math::max);
        sleep(250);
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      String learner = "load-learner-" + i;
      futures.add(pool.submit(() -> {
        go.await();
        return gradeWithRetries(http, base, token, exercise, solution, learner, deadline);
      }));
    }
    long start = System.nanoTime();
    go.countDown();
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<Outcome> f : futures) {
      outcomes.add(f.get(TOTAL_BOUND.toSeconds() + 60, TimeUnit.SECONDS));
    }
    double wallSeconds = (System.nanoTime() - start) / 1e9;
    pool.shutdownNow();
    sampling.set(false);
    sampler.join(2000);

    List<Double> latencies = outcomes.stream().filter(o -> o.http == 200).map(Outcome::millis).sorted().toList();
    long ok = outcomes.stream().filter(o -> o.http == 200 && !o.status.equals("error")).count();
    long gradingErrors = outcomes.stream().filter(o -> o.http == 200 && o.status.equals("error")).count();
    long httpErrors = outcomes.stream().filter(o -> o.http != 200).count();
    int rejected = outcomes.stream().mapToInt(Outcome::rejected).sum();
    Map<String, Integer> statuses = new ConcurrentHashMap<>();
    outcomes.forEach(o -> statuses.merge(o.http + "/" + o.status, 1, Integer::sum));
    // Every 200 with a save must have its row: read each attempt back.
    int saved = 0;
    int lost = 0;
    for (Outcome o : outcomes) {
      if (o.http == 200) {
        if (o.attemptId != null && get(http, base + "/api/v1/attempts/" + o.attemptId, token).statusCode() == 200) {
          saved++;
        } else {
          lost++;
        }
      }
    }
    System.out.printf("== %d concurrent gradings of %s with saves (bearer token, X-Learner-Id)%n", concurrency, exercise);
    System.out.printf("wall time          %.1f s%n", wallSeconds);
    System.out.printf("throughput         %.2f gradings/s%n", latencies.size() / wallSeconds);
    System.out.printf("latency (incl. 429 waits) p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
        pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), pct(latencies, 100));
    System.out.printf("outcomes           %s%n", statuses);
    System.out.printf("graded (pass/fail) %d, grading errors %d, HTTP errors %d%n", ok, gradingErrors, httpErrors);
    System.out.printf("429 answers        %d (each retried after its Retry-After)%n", rejected);
    System.out.printf("saved attempts     %d of %d 200 answers read back; lost %d%n", saved, latencies.size(), lost);
    System.out.printf("peak heap (/metrics, sampled every 250 ms) %.0f MiB%n", peakHeap.get() / 1048576.0);

    // ---- phase 2: latency on a warm server, one grading at a time -------------------------------
    if (latencyRuns > 0) {
      for (int i = 0; i < 5; i++) {
        gradeWithRetries(http, base, null, latencyExercise, latencySolution, null, deadline);
      }
      List<Double> single = new ArrayList<>();
      for (int i = 0; i < latencyRuns && System.nanoTime() < deadline; i++) {
        Outcome o = gradeWithRetries(http, base, null, latencyExercise, latencySolution, null, deadline);
        if (o.http == 200 && !o.status.equals("error")) {
          single.add(o.millis);
        }
      }
      Collections.sort(single);
      System.out.printf("== warm-server latency of %s, %d gradings one at a time%n", latencyExercise, single.size());
      System.out.printf("latency p50 %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms%n",
          pct(single, 50), pct(single, 95), pct(single, 0), pct(single, 100));
    }
    boolean clean = httpErrors == 0 && gradingErrors == 0 && lost == 0;
    System.out.println(clean ? "RESULT ok: 0 errors, 0 lost attempts" : "RESULT problems: see above");
    System.exit(clean ? 0 : 1);
  }

  static Outcome gradeWithRetries(HttpClient http, String base, String token, String exercise, String solution,
      String learner, long deadline) throws Exception {
    long start = System.nanoTime();
    int rejected = 0;
    for (int tries = 1; tries <= MAX_TRIES && System.nanoTime() < deadline; tries++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/exercises/" + exercise + "/grade"))
          .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/yaml")
          .POST(HttpRequest.BodyPublishers.ofString(solution));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      if (learner != null) {
        b.header("X-Learner-Id", learner);
      }
      HttpResponse<String> r;
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        return new Outcome(-1, "io:" + e.getClass().getSimpleName(), null, millisSince(start), tries, rejected);
      }
      if (r.statusCode() == 429) {
        rejected++;
        int wait = r.headers().firstValue("Retry-After").map(Integer::parseInt).orElse(1);
        sleep(wait * 1000L);
        continue;
      }
      String status = "?";
      Matcher m = STATUS.matcher(r.body());
      if (m.find()) {
        status = m.group(1);
      }
      Matcher a = ATTEMPT.matcher(r.body());
      return new Outcome(r.statusCode(), status, a.find() ? a.group(1) : null, millisSince(start), tries, rejected);
    }
    return new Outcome(429, "gave-up", null, millisSince(start), MAX_TRIES, rejected);
  }

  static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static long heapBytes(HttpClient http, String base) {
    try {
      String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = HEAP.matcher(metrics);
      double sum = 0;
      while (m.find()) {
        sum += Double.parseDouble(m.group(1));
      }
      return (long) sum;
    } catch (Exception e) {
      return 0;
    }
  }

  static double pct(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  static double millisSince(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
