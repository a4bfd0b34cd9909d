package io.trafficlab.web.grade;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.pack.Exercise;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs gradings with bounded concurrency, a bounded queue and a hard deadline per run (DESIGN §8).
 * Past the queue, {@link #submit} throws {@link Busy} and the API answers 429 with Retry-After.
 * Metrics: {@code trafficlab_gradings_total{status=pass|fail|error|rejected}}, the
 * {@code trafficlab_grading_duration_seconds} timer (histogram), {@code trafficlab_grading_queue_size}
 * and {@code trafficlab_gradings_in_flight}.
 */
public final class GradingService implements AutoCloseable {

  /** The queue is full: try again after {@code retryAfterSeconds}. */
  public static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int retryAfterSeconds;

    Busy(int retryAfterSeconds) {
      super("grading queue is full", null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  private final Grader grader;
  private final ThreadPoolExecutor pool;
  private final Duration deadline;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final MeterRegistry metrics;
  private final Timer duration;

  public GradingService(Grader grader, int maxConcurrent, int queueLimit, Duration deadline) {
    this(grader, maxConcurrent, queueLimit, deadline, new CompositeMeterRegistry());
  }

  public GradingService(Grader grader, int maxConcurrent, int queueLimit, Duration deadline,
      MeterRegistry metrics) {
    this.grader = grader;
    this.deadline = deadline;
    this.metrics = metrics;
    this.duration = Timer.builder("trafficlab.grading.duration")
        .description("Wall time of one grading run (queue wait excluded)")
        .publishPercentileHistogram()
        .register(metrics);
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(Math.max(1, queueLimit)), r -> {
          Thread t = new Thread(r, "trafficlab-grader-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    // A replaced grading service (tests, a reconfiguration) must not leave its gauges behind.
    metrics.find("trafficlab.grading.queue.size").meters().forEach(metrics::remove);
    metrics.find("trafficlab.gradings.in.flight").meters().forEach(metrics::remove);
    Gauge.builder("trafficlab.grading.queue.size", pool, p -> p.getQueue().size())
        .description("Gradings waiting for a free grader").register(metrics);
    Gauge.builder("trafficlab.gradings.in.flight", inFlight, AtomicInteger::get)
        .description("Gradings queued or running").register(metrics);
  }

  /** Queued plus running gradings (for /metrics). */
  public int inFlight() {
    return inFlight.get();
  }

  public int queued() {
    return pool.getQueue().size();
  }

  /**
   * Grades asynchronously. The future always completes with a report: when the deadline passes it is
   * an {@code error} report saying so.
   */
  public CompletableFuture<GradeReport> submit(Exercise ex, String submission, Grader.Options options) {
    CompletableFuture<GradeReport> f = new CompletableFuture<>();
    inFlight.incrementAndGet();
    try {
      pool.execute(() -> {
        Timer.Sample sample = Timer.start(metrics);
        try {
          f.complete(grader.grade(ex, submission, options, Grader.Clock.SYSTEM));
        } catch (RuntimeException e) {
          f.completeExceptionally(e);
        } finally {
          sample.stop(duration);
        }
      });
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
      count("rejected");
      throw new Busy(Math.max(1, (int) Math.ceil(deadline.toSeconds() / 2.0)));
    }
    return f.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(t -> {
          Throwable cause = t.getCause() != null ? t.getCause() : t;
          String msg = cause instanceof TimeoutException
              ? "Grading took longer than " + deadline.toSeconds() + " s and was stopped. Try again; if it keeps happening, simplify the configuration."
              : "Grading failed on our side; the error was logged.";
          if (!(cause instanceof TimeoutException)) {
            org.slf4j.LoggerFactory.getLogger(GradingService.class).error("grading failed for {}", ex.ref(), cause);
          }
          return new GradeReport(ex.ref(), CheckStatus.ERROR, 0, ex.maxScore(), msg, List.of(), List.of(),
              List.of(), ex.variantIndex(), deadline.toMillis());
        })
        .whenComplete((r, t) -> {
          inFlight.decrementAndGet();
          count(r == null ? "error" : r.status().wireName());
        });
  }

  private void count(String status) {
    Counter.builder("trafficlab.gradings").description("Gradings by outcome (rejected: queue full)")
        .tag("status", status).register(metrics).increment();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
