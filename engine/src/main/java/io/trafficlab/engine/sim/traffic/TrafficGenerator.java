package io.trafficlab.engine.sim.traffic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs request specs through a {@link TrafficClient} the ways a case asks for: one after another
 * (the default, and {@code repeat}), all in flight together ({@code concurrent}), or a
 * {@code distribution} of N requests with bounded parallelism for speed. Results always come back
 * in request order. The generator draws no random numbers; a proxy that must pick the same way
 * whatever the parallelism can derive each request's randomness from (seed, index), the index
 * travelling in {@value #SEQUENCE_HEADER} when {@link #withSequence} is used.
 */
public final class TrafficGenerator {
  /** Optional request header carrying a distribution request's index (0-based). */
  public static final String SEQUENCE_HEADER = "x-trafficlab-seq";
  /** Default requests in flight for distributions. */
  public static final int DEFAULT_PARALLELISM = 8;

  private final TrafficClient client;

  public TrafficGenerator(TrafficClient client) {
    this.client = client;
  }

  /** Each request starts when the previous one has its response. */
  public CompletableFuture<List<RawResponse>> sequential(List<TrafficRequest> requests) {
    List<TrafficRequest> copy = List.copyOf(requests);
    return run(copy.size(), copy::get, 1);
  }

  /** {@code n} sequential copies. */
  public CompletableFuture<List<RawResponse>> repeat(TrafficRequest request, int n) {
    return run(n, i -> request, 1);
  }

  /** {@code n} copies sent at once, each on its own connection, all in flight together. */
  public CompletableFuture<List<RawResponse>> concurrent(TrafficRequest request, int n) {
    return run(n, i -> request, Math.max(1, n));
  }

  /**
   * {@code n} requests built by {@code template} from their index, at most {@code parallelism} in
   * flight at a time (1 = strictly sequential).
   */
  public CompletableFuture<List<RawResponse>> distribution(IntFunction<TrafficRequest> template,
      int n, int parallelism) {
    return run(n, template, parallelism);
  }

  /** {@code request} with {@value #SEQUENCE_HEADER} set to {@code index}. */
  public static TrafficRequest withSequence(TrafficRequest request, int index) {
    return request.withHeader(SEQUENCE_HEADER, Integer.toString(index));
  }

  private CompletableFuture<List<RawResponse>> run(int n, IntFunction<TrafficRequest> template,
      int parallelism) {
    if (n < 0) {
      throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism: " + parallelism + " (expected: >= 1)");
    }
    RawResponse[] results = new RawResponse[n];
    AtomicInteger next = new AtomicInteger();
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(parallelism, n); w++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      workers.add(done);
      step(template, n, next, results, done);
    }
    return CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new))
        .thenApply(v -> Arrays.asList(results));
  }

  /**
   * One worker: takes the next index, sends, and continues asynchronously (on an event loop, never
   * by recursion on the caller's stack, so 10 000 requests cannot overflow it).
   */
  private void step(IntFunction<TrafficRequest> template, int n, AtomicInteger next,
      RawResponse[] results, CompletableFuture<Void> done) {
    int i = next.getAndIncrement();
    if (i >= n) {
      done.complete(null);
      return;
    }
    TrafficRequest request;
    try {
      request = template.apply(i);
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
      return;
    }
    client.send(request).whenCompleteAsync((response, error) -> {
      results[i] = response;
      step(template, n, next, results, done);
    }, client.executor()).exceptionally(rejected -> {
      // Only when the runtime is shutting down: end this worker instead of hanging.
      done.completeExceptionally(rejected);
      return null;
    });
  }
}
