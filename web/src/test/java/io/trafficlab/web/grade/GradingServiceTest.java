package io.trafficlab.web.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.PackLoader;
import io.trafficlab.web.FakeLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class GradingServiceTest {
  static final String VALID = """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: shop}
      spec: {hosts: [shop], http: [{route: [{destination: {host: shop}}]}]}
      """;
  private static final Duration DEADLINE = Duration.ofMillis(400);

  static Exercise exercise() {
    var src = new PackLoader().load(Path.of("../labs/src/test/resources/packs/test-pack")).pack()
        .exercise("header-canary").orElseThrow();
    return new ExerciseParser().parse("test-pack", src, 0).exercise();
  }

  static GradingService service(TrafficLab lab, int concurrency, int queue) {
    return new GradingService(new Grader(new ConfigFrontEnd(), lab), concurrency, queue, DEADLINE);
  }

  /** Waits (bounded) until the condition holds; a hang fails the test instead of blocking the build. */
  static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).as("condition reached within 20 s").isTrue();
  }

  @Test
  void aRunPastTheDeadlineIsAnErrorReportAndItsGraderIsInterruptedAndFreed() throws Exception {
    FakeLab neverDone = new FakeLab(id -> true, new CountDownLatch(1));
    try (GradingService grading = service(neverDone, 1, 1)) {
      GradeReport r = grading.submit(exercise(), VALID, Grader.Options.DEFAULT).get(20, TimeUnit.SECONDS);

      assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
      assertThat(r.message()).startsWith("Grading took longer than 0.4 s and was stopped.");
      eventually(() -> grading.running() == 0 && grading.inFlight() == 0);
    }
  }

  @Test
  void aGraderFreedAfterADeadlineGradesTheNextSubmissionNormally() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    AtomicBoolean hang = new AtomicBoolean(true);
    TrafficLab lab = new BlockingLab(runs, () -> hang.get(), true);
    try (GradingService grading = service(lab, 1, 1)) {
      assertThat(grading.submit(exercise(), VALID, Grader.Options.DEFAULT).get(20, TimeUnit.SECONDS).status())
          .isEqualTo(CheckStatus.ERROR);
      eventually(() -> grading.running() == 0);
      hang.set(false);

      GradeReport next = grading.submit(exercise(), VALID, Grader.Options.DEFAULT).get(20, TimeUnit.SECONDS);

      assertThat(next.status()).isEqualTo(CheckStatus.PASS);
      assertThat(next.message()).isEmpty();
    }
  }

  @Test
  void aGradingThatWaitedTheDeadlineInTheQueueIsDroppedAndNeverRunLater() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    // This lab ignores interrupts, so the first grading holds the only grader past the deadline.
    TrafficLab stubborn = new BlockingLab(runs, () -> release.getCount() > 0, false);
    try (GradingService grading = service(stubborn, 1, 1)) {
      CompletableFuture<GradeReport> first = grading.submit(exercise(), VALID, Grader.Options.DEFAULT);
      eventually(() -> runs.get() == 1);
      CompletableFuture<GradeReport> queued = grading.submit(exercise(), VALID, Grader.Options.DEFAULT);

      GradeReport dropped = queued.get(20, TimeUnit.SECONDS);

      assertThat(dropped.status()).isEqualTo(CheckStatus.ERROR);
      assertThat(dropped.message()).startsWith("The server was too busy to start this grading");
      assertThat(grading.queued()).isZero();
      release.countDown();
      assertThat(first.get(20, TimeUnit.SECONDS).message()).startsWith("Grading took longer");
      eventually(() -> grading.running() == 0);
      assertThat(runs.get()).as("traffic runs: only the first grading's first check").isEqualTo(1);
    }
  }

  @Test
  void pastTheQueueSubmitIsBusyWithARetryAfterBetweenOneSecondAndTheDeadline() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (GradingService grading = new GradingService(new Grader(new ConfigFrontEnd(),
        new FakeLab(id -> true, gate)), 1, 1, Duration.ofSeconds(30))) {
      grading.submit(exercise(), VALID, Grader.Options.DEFAULT);
      grading.submit(exercise(), VALID, Grader.Options.DEFAULT);

      assertThatThrownBy(() -> grading.submit(exercise(), VALID, Grader.Options.DEFAULT))
          .isInstanceOfSatisfying(GradingService.Busy.class,
              b -> assertThat(b.retryAfterSeconds()).isBetween(1, 30));
      assertThat(grading.inFlight()).isEqualTo(2);
      gate.countDown();
      eventually(() -> grading.inFlight() == 0);
    }
  }

  /** A lab whose traffic blocks while {@code blocked} holds; it stops on interrupt when told to. */
  private static final class BlockingLab implements TrafficLab {
    private final AtomicInteger runs;
    private final java.util.function.BooleanSupplier blocked;
    private final boolean interruptible;
    private final FakeLab base = new FakeLab(id -> true);

    BlockingLab(AtomicInteger runs, java.util.function.BooleanSupplier blocked, boolean interruptible) {
      this.runs = runs;
      this.blocked = blocked;
      this.interruptible = interruptible;
    }

    @Override
    public Topology topology(YamlMap topology, List<Diagnostic> out) {
      return base.topology(topology, out);
    }

    @Override
    public Session start(FrontEndResult config, Topology topology, long seed, double timeScale) {
      Session passing = base.start(config, topology, seed, timeScale);
      return new Session() {
        @Override
        public Outcome run(YamlMap traffic) {
          runs.incrementAndGet();
          long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (blocked.getAsBoolean() && System.nanoTime() < until) {
            if (interruptible && Thread.currentThread().isInterrupted()) {
              return new Outcome(false, "", List.of(), "interrupted");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
          }
          return passing.run(traffic);
        }

        @Override
        public void close() {}
      };
    }
  }
}
