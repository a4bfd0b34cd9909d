package io.trafficlab.engine.dataplane;

import static io.trafficlab.engine.testing.NetTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trafficlab.engine.core.time.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventLoopSchedulerTest {
  private static EngineRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = EngineRuntime.start(50);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @Test
  void scaledDelayTakesOneFiftiethOfItsSimulatedTimeInRealTime() {
    EventLoopScheduler scheduler = runtime.scheduler();
    long simStart = scheduler.ticker().nanoTime();
    long realStart = System.nanoTime();
    CompletableFuture<Long> ranAt = new CompletableFuture<>();
    scheduler.schedule(Duration.ofSeconds(2), () -> ranAt.complete(scheduler.ticker().nanoTime()));

    long simEnd = await(ranAt);
    long realMs = (System.nanoTime() - realStart) / 1_000_000;

    assertThat((simEnd - simStart) / 1_000_000).isGreaterThanOrEqualTo(2000);
    // 2 simulated seconds are 40 real ms at scale 50; unscaled they would be 2000 ms.
    assertThat(realMs).isLessThan(1500);
  }

  @Test
  void tasksNeverRunBeforeTheirSimulatedDelay() {
    EventLoopScheduler scheduler = runtime.scheduler();
    List<CompletableFuture<Long>> elapsed = new ArrayList<>();
    long[] delaysMs = {1, 10, 75, 300};
    for (long d : delaysMs) {
      long start = scheduler.ticker().nanoTime();
      CompletableFuture<Long> f = new CompletableFuture<>();
      scheduler.schedule(Duration.ofMillis(d), () -> f.complete(scheduler.ticker().nanoTime() - start));
      elapsed.add(f);
    }
    for (int i = 0; i < delaysMs.length; i++) {
      assertThat(await(elapsed.get(i))).isGreaterThanOrEqualTo(delaysMs[i] * 1_000_000);
    }
  }

  @Test
  void cancelledTaskNeverRuns() {
    EventLoopScheduler scheduler = runtime.scheduler();
    AtomicBoolean ran = new AtomicBoolean();
    // 50 simulated seconds are 1 real second at scale 50: far more than the time between schedule
    // and cancel, however busy the machine.
    Cancellable c = scheduler.schedule(Duration.ofSeconds(50), () -> ran.set(true));
    c.cancel();
    CompletableFuture<Void> later = new CompletableFuture<>();
    scheduler.schedule(Duration.ofSeconds(60), () -> later.complete(null));
    await(later);
    assertThat(ran).isFalse();
  }

  @Test
  void realDurationIsRoundedUp() {
    EventLoopScheduler s = new EventLoopScheduler(runtime.group(), 3);
    assertThat(s.toReal(Duration.ofNanos(10))).isEqualTo(Duration.ofNanos(4));
    assertThat(s.toReal(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(1));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void timeScaleMustBePositiveAndFinite(double scale) {
    assertThatThrownBy(() -> new EventLoopScheduler(runtime.group(), scale))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeScale");
  }

  @Test
  void schedulingAfterShutdownIsDroppedQuietly() {
    EngineRuntime stopped = EngineRuntime.start(1);
    stopped.close();
    AtomicBoolean ran = new AtomicBoolean();
    Cancellable c = stopped.scheduler().schedule(Duration.ZERO, () -> ran.set(true));
    c.cancel();
    assertThat(ran).isFalse();
  }
}
