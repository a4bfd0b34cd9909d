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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs gradings with bounded concurrency, a bounded queue and a hard deadline (DESIGN §8).
 * Past the queue, {@link #submit} throws {@link Busy} and the API answers 429 with Retry-After.
 *
 * <p>The deadline is enforced, not only reported: when a run passes it, the future completes with an
 * {@code error} report and the worker thread is interrupted, which makes the engine close the run's
 * pods and listeners and the grader skip the remaining checks, so the grader is free again within
 * moments. A grading that waited {@code deadline} in the queue without starting is dropped with an
 * {@code error} report (the server was too busy), never run later for nobody. So a caller waits at
 * most about twice the deadline.
 *
 * <p>Metrics: {@code trafficlab_gradings_total{status=pass|fail|error|rejected|stopped|expired}}
 * ({@code stopped}: deadline passed while running, {@code expired}: never started in time; both also
 * count as {@code error} reports), the {@code trafficlab_grading_duration_seconds} timer (histogram),
 * {@code trafficlab_grading_queue_size} and {@code trafficlab_gradings_in_flight}.
 */
public final class GradingService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GradingService.class);

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
  private final ScheduledThreadPoolExecutor timer;
  private final int maxConcurrent;
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
    this.maxConcurrent = maxConcurrent;
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
    this.timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "trafficlab-grading-deadline");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
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

  /** Gradings running right now (a stopped run counts until its worker has let go of it). */
  public int running() {
    return pool.getActiveCount();
  }

  /**
   * Grades asynchronously. The future always completes with a report, within about twice the
   * deadline: when the run passes the deadline it is an {@code error} report saying so.
   *
   * @throws Busy when every grader is busy and the queue is full
   */
  public CompletableFuture<GradeReport> submit(Exercise ex, String submission, Grader.Options options) {
    Job job = new Job(ex, submission, options);
    inFlight.incrementAndGet();
    try {
      pool.execute(job);
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
      count("rejected");
      throw new Busy(retryAfterSeconds());
    }
    job.result.whenComplete((r, t) -> {
      inFlight.decrementAndGet();
      count(r == null ? "error" : r.status().wireName());
    });
    job.expiry = timer.schedule(job::expire, deadline.toMillis(), TimeUnit.MILLISECONDS);
    return job.result;
  }

  /**
   * When a slot is likely free: the work ahead (queued and running gradings) shared by the graders,
   * at the mean duration seen so far; between 1 s and the deadline.
   */
  int retryAfterSeconds() {
    double mean = duration.count() == 0 ? deadline.toSeconds() / 2.0 : duration.mean(TimeUnit.SECONDS);
    double ahead = (pool.getQueue().size() + pool.getActiveCount()) / (double) maxConcurrent;
    return (int) Math.max(1, Math.min(deadline.toSeconds(), Math.ceil(ahead * mean)));
  }

  /** One submitted grading: queued, then running on one worker, then done (exactly one report). */
  private final class Job implements Runnable {
    final CompletableFuture<GradeReport> result = new CompletableFuture<>();
    private final Exercise ex;
    private final String submission;
    private final Grader.Options options;
    /** Guards {@code worker}: the deadline may interrupt a worker only while it runs this job. */
    private final Object lock = new Object();
    private Thread worker;
    private boolean started;
    volatile ScheduledFuture<?> expiry;

    Job(Exercise ex, String submission, Grader.Options options) {
      this.ex = ex;
      this.submission = submission;
      this.options = options;
    }

    @Override
    public void run() {
      synchronized (lock) {
        if (result.isDone()) {
          return; // expired in the queue (or the service closed): nobody waits for it any more
        }
        started = true;
        worker = Thread.currentThread();
      }
      ScheduledFuture<?> queued = expiry;
      if (queued != null) {
        queued.cancel(false);
      }
      ScheduledFuture<?> stop = timer.schedule(this::stop, deadline.toMillis(), TimeUnit.MILLISECONDS);
      Timer.Sample sample = Timer.start(metrics);
      try {
        result.complete(grader.grade(ex, submission, options, Grader.Clock.SYSTEM));
      } catch (RuntimeException e) {
        if (!result.isDone()) {
          LOG.error("grading failed for {}", ex.ref(), e);
        }
        result.complete(error(ex, "Grading failed on our side; the error was logged."));
      } finally {
        stop.cancel(false);
        synchronized (lock) {
          worker = null;
        }
        // A deadline interrupt that arrived after the run must not hit the worker's next job.
        Thread.interrupted();
        sample.stop(duration);
      }
    }

    /** The deadline passed while running: answer now and make the worker let go. */
    private void stop() {
      synchronized (lock) {
        if (worker != null && result.complete(error(ex, "Grading took longer than " + seconds(deadline)
            + " and was stopped. Try again; if it keeps happening, simplify the configuration"
            + " (long fault delays, timeouts or retries make every request slow)."))) {
          count("stopped");
          worker.interrupt();
        }
      }
    }

    /** The job waited the whole deadline in the queue without starting: drop it. */
    private void expire() {
      synchronized (lock) {
        if (started || result.isDone()) {
          return;
        }
        // Leave the queue before answering, so whoever gets the answer sees the queue without it.
        pool.remove(this);
        if (result.complete(error(ex, "The server was too busy to start this grading within "
            + seconds(deadline) + ", so it was not run. Try again in a moment."))) {
          count("expired");
        }
      }
    }
  }

  /** "20 s", or "0.4 s" below a second. */
  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : (d.toMillis() / 1000.0) + " s";
  }

  private GradeReport error(Exercise ex, String message) {
    return new GradeReport(ex.ref(), CheckStatus.ERROR, 0, ex.maxScore(), message, List.of(), List.of(),
        List.of(), ex.variantIndex(), deadline.toMillis());
  }

  private void count(String status) {
    Counter.builder("trafficlab.gradings").description("Gradings by outcome (rejected: queue full)")
        .tag("status", status).register(metrics).increment();
  }

  /** Stops the graders (interrupting running gradings) and the deadline timer. */
  @Override
  public void close() {
    pool.shutdownNow();
    timer.shutdownNow();
  }
}
