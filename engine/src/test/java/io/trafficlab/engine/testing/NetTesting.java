package io.trafficlab.engine.testing;

import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.PodDef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Helpers for socket tests: bounded waits (a hang fails the test instead of blocking it). */
public final class NetTesting {
  private NetTesting() {}

  /** The future's value, waiting at most 10 s. */
  public static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no result within 10 s");
    }
  }

  /** The failure of a future that must fail (at most 10 s). */
  public static Throwable failure(CompletableFuture<?> future) {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within 10 s");
    }
    throw new AssertionError("expected a failure, got a value");
  }

  /** Polls until {@code condition} holds, failing after 5 s. */
  public static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  public static PodDef pod(String name, String service, Map<String, String> labels,
      PodBehavior behavior) {
    return new PodDef(name, "default", service, labels, behavior);
  }

  public static PodBehavior behavior(double latencyMs, double errorRate, int errorStatus) {
    return new PodBehavior(latencyMs, errorRate, errorStatus, List.of(), Map.of());
  }
}
