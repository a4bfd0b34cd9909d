package io.trafficlab.engine.core.time;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A scheduler whose clock only moves when told to: for unit tests and for grading runs that must not
 * depend on the machine's speed. Tasks are ordered by (due time, scheduling sequence), so two tasks
 * due at the same instant run in the order they were scheduled, as with Envoy's simulated time.
 *
 * <p>Invariants: {@link #nanoTime()} never goes backwards; a task runs at most once, at the instant
 * it was due (the clock reads exactly its due time while it runs); a cancelled task never runs. Not
 * thread-safe: it belongs to the one thread that drives the simulation.
 */
public final class VirtualScheduler implements Scheduler, Ticker {

  /** Upper bound of tasks {@link #runUntilIdle()} runs, so that a self-rescheduling task cannot hang. */
  public static final int DEFAULT_IDLE_LIMIT = 1_000_000;

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long now;
  private long sequence;

  public VirtualScheduler() {
    this(0);
  }

  /** @param startNanos the clock's initial reading */
  public VirtualScheduler(long startNanos) {
    this.now = startNanos;
  }

  @Override
  public Ticker ticker() {
    return this;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  /** Current simulated time as a duration since the clock's zero. */
  public Duration now() {
    return Duration.ofNanos(now);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(task, "task");
    long d = delay.isNegative() ? 0 : saturatedNanos(delay);
    long due = d > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + d;
    Task t = new Task(due, sequence++, task);
    queue.add(t);
    return t;
  }

  /**
   * Moves the clock forward by {@code step}, running every task due within the window in (due,
   * sequence) order. Tasks scheduled while advancing that fall within the window run too. The clock
   * ends exactly at the old time plus {@code step}.
   *
   * @return the number of tasks that ran
   */
  public int advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("step: " + step + " (expected: >= 0)");
    }
    long stepNanos = saturatedNanos(step);
    long target = stepNanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + stepNanos;
    int ran = runDueBy(target, Integer.MAX_VALUE);
    now = target;
    return ran;
  }

  /**
   * Runs tasks, jumping the clock to each one's due time, until none is left.
   *
   * @return the number of tasks that ran
   * @throws IllegalStateException if more than {@link #DEFAULT_IDLE_LIMIT} tasks ran (a task that
   *     keeps rescheduling itself never lets the scheduler become idle)
   */
  public int runUntilIdle() {
    int ran = runDueBy(Long.MAX_VALUE, DEFAULT_IDLE_LIMIT);
    if (!queue.isEmpty() && firstLive() != null) {
      throw new IllegalStateException("not idle after " + DEFAULT_IDLE_LIMIT + " tasks");
    }
    return ran;
  }

  /** Number of scheduled tasks that have neither run nor been cancelled. */
  public int pendingTasks() {
    return (int) queue.stream().filter(t -> !t.cancelled).count();
  }

  /** Time until the next live task is due, or empty when idle. */
  public Optional<Duration> nextDue() {
    Task t = firstLive();
    return t == null ? Optional.empty() : Optional.of(Duration.ofNanos(t.due - now));
  }

  private Task firstLive() {
    while (!queue.isEmpty() && queue.peek().cancelled) {
      queue.poll();
    }
    return queue.peek();
  }

  private int runDueBy(long target, int limit) {
    int ran = 0;
    while (ran < limit) {
      Task t = firstLive();
      if (t == null || t.due > target) {
        break;
      }
      queue.poll();
      now = Math.max(now, t.due);
      t.cancelled = true; // ran: a later cancel() is a no-op
      t.task.run();
      ran++;
    }
    return ran;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static final class Task implements Comparable<Task>, Cancellable {
    final long due;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Task(long due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
