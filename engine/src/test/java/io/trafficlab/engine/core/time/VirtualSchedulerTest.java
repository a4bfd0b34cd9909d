package io.trafficlab.engine.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final List<String> ran = new ArrayList<>();

  private Runnable log(String name) {
    return () -> ran.add(name + "@" + scheduler.now().toMillis());
  }

  @Test
  void tasksRunInDueOrderAndTiesInSchedulingOrder() {
    scheduler.schedule(Duration.ofMillis(30), log("c"));
    scheduler.schedule(Duration.ofMillis(10), log("a"));
    scheduler.schedule(Duration.ofMillis(30), log("d"));
    scheduler.schedule(Duration.ofMillis(10), log("b"));

    int count = scheduler.advance(Duration.ofMillis(100));

    assertThat(count).isEqualTo(4);
    assertThat(ran).containsExactly("a@10", "b@10", "c@30", "d@30");
    assertThat(scheduler.nanoTime()).isEqualTo(Duration.ofMillis(100).toNanos());
  }

  @Test
  void advanceStopsAtTheWindowEdgeAndLeavesLaterTasks() {
    scheduler.schedule(Duration.ofMillis(50), log("in"));
    scheduler.schedule(Duration.ofMillis(51), log("out"));

    scheduler.advance(Duration.ofMillis(50));

    assertThat(ran).containsExactly("in@50");
    assertThat(scheduler.pendingTasks()).isEqualTo(1);
    assertThat(scheduler.nextDue()).contains(Duration.ofMillis(1));
  }

  @Test
  void tasksScheduledWhileAdvancingRunWhenTheyFallInTheWindow() {
    scheduler.schedule(Duration.ofMillis(10), () -> {
      ran.add("first@" + scheduler.now().toMillis());
      scheduler.schedule(Duration.ofMillis(15), log("inside"));
      scheduler.schedule(Duration.ofMillis(500), log("outside"));
    });

    scheduler.advance(Duration.ofMillis(100));

    assertThat(ran).containsExactly("first@10", "inside@25");
    assertThat(scheduler.pendingTasks()).isEqualTo(1);
  }

  @Test
  void cancelledTasksNeverRunAndCancellingARunTaskIsHarmless() {
    Cancellable dropped = scheduler.schedule(Duration.ofMillis(5), log("dropped"));
    Cancellable kept = scheduler.schedule(Duration.ofMillis(5), log("kept"));
    dropped.cancel();

    scheduler.runUntilIdle();
    kept.cancel();

    assertThat(ran).containsExactly("kept@5");
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void runUntilIdleJumpsTheClockToEachTask() {
    scheduler.schedule(Duration.ofSeconds(30), log("late"));
    scheduler.schedule(Duration.ZERO, log("now"));
    scheduler.schedule(Duration.ofMillis(-5), log("negativeMeansNow"));

    assertThat(scheduler.runUntilIdle()).isEqualTo(3);

    assertThat(ran).containsExactly("now@0", "negativeMeansNow@0", "late@30000");
  }

  @Test
  void runUntilIdleRefusesToSpinForeverOnASelfReschedulingTask() {
    Runnable[] tick = new Runnable[1];
    tick[0] = () -> scheduler.schedule(Duration.ofMillis(1), tick[0]);
    scheduler.schedule(Duration.ofMillis(1), tick[0]);

    assertThatThrownBy(scheduler::runUntilIdle).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not idle");
  }

  @Test
  void negativeAdvanceIsAProgrammingError() {
    assertThatThrownBy(() -> scheduler.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: >= 0");
  }
}
