package io.trafficlab.engine.sim.pods;

import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.engine.dataplane.EngineRuntime;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Every pod of a {@link Topology}, each its own {@link SyntheticPod} server, in topology order.
 * {@link #close()} closes every listening socket and connection and waits for it.
 */
public final class PodFleet implements AutoCloseable {
  private final Map<String, SyntheticPod> pods;

  private PodFleet(Map<String, SyntheticPod> pods) {
    this.pods = pods;
  }

  /**
   * Starts all pods.
   *
   * @param seed the run's seed; each pod's random is derived from it and the pod's name
   * @param callers the caller each pod makes its calls through (its own sidecar)
   */
  public static CompletableFuture<PodFleet> start(EngineRuntime runtime, Topology topology,
      long seed, Function<PodDef, OutboundCaller> callers) {
    Set<String> names = new HashSet<>();
    List<CompletableFuture<SyntheticPod>> starting = new ArrayList<>();
    for (PodDef def : topology.allPods()) {
      if (!names.add(def.name())) {
        return CompletableFuture.failedFuture(
            new IllegalArgumentException("pod name " + def.name() + " is not unique"));
      }
      starting.add(SyntheticPod.start(runtime, def, seed, callers.apply(def)));
    }
    return CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new))
        .handle((v, error) -> {
          Map<String, SyntheticPod> started = new LinkedHashMap<>();
          for (CompletableFuture<SyntheticPod> f : starting) {
            if (!f.isCompletedExceptionally()) {
              SyntheticPod p = f.join();
              started.put(p.name(), p);
            }
          }
          PodFleet fleet = new PodFleet(started);
          if (error != null) {
            fleet.close();
            throw new IllegalStateException("cannot start pods: " + error.getMessage(), error);
          }
          return fleet;
        });
  }

  public List<SyntheticPod> pods() {
    return List.copyOf(pods.values());
  }

  public Optional<SyntheticPod> pod(String name) {
    return Optional.ofNullable(pods.get(name));
  }

  /** Pod name → address, the SSRF allow-list of the data plane's upstream pools. */
  public Map<String, InetSocketAddress> addresses() {
    Map<String, InetSocketAddress> out = new LinkedHashMap<>();
    pods.forEach((n, p) -> out.put(n, p.address()));
    return out;
  }

  /** Pod name → {@code 127.0.0.1:port}, the {@code pods} part of {@code up}'s first line. */
  public Map<String, String> hostPorts() {
    Map<String, String> out = new LinkedHashMap<>();
    pods.forEach((n, p) -> out.put(n, p.hostPort()));
    return out;
  }

  public CompletableFuture<Void> stop() {
    return CompletableFuture.allOf(pods.values().stream().map(SyntheticPod::stop)
        .toArray(CompletableFuture[]::new));
  }

  /** {@link #stop()} and wait (at most 5 s). */
  @Override
  public void close() {
    try {
      stop().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Best effort: the runtime's shutdown closes whatever is left.
    }
  }
}
