package io.trafficlab.engine.core.outlier;

import io.trafficlab.engine.core.exchange.Durations;
import io.trafficlab.engine.core.policy.OutlierPolicy;
import io.trafficlab.engine.core.time.Cancellable;
import io.trafficlab.engine.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Consecutive-error outlier detection of one cluster as seen by one calling proxy, after Envoy's
 * {@code outlier_detection_impl.cc}.
 *
 * <ul>
 *   <li>Every 5xx result increments the host's consecutive-5xx counter, every 502/503/504 its
 *       gateway-error counter; any other result resets both (a non-gateway 5xx resets the gateway
 *       counter). Reaching a configured threshold (0 = off) ejects the host at once (inline).
 *   <li>An ejection is allowed while (ejected + 1) / hosts ≤ maxEjectionPercent, and the first one
 *       always is (see {@link #OutlierDetector(OutlierPolicy, Scheduler, Collection, boolean,
 *       Consumer)}).
 *   <li>Ejection time = min(base × multiplier, max(300 s, base)); the multiplier grows by one per
 *       ejection and shrinks by one at every interval sweep that finds the host healthy.
 *   <li>Hosts return at the first interval sweep after their ejection time; sweeps run at
 *       creation + k × interval (armed only while something is ejected or a multiplier is above 0,
 *       so an idle detector leaves a virtual scheduler idle).
 *   <li>{@link #healthyHosts()}: the hosts not ejected; if their share is below a non-zero
 *       minHealthPercent, all hosts (panic); with 0 and everything ejected, none (503 UH).
 * </ul>
 *
 * Not thread-safe: one per event loop, driven by its {@link Scheduler}.
 */
public final class OutlierDetector {

  private final OutlierPolicy policy;
  private final Scheduler scheduler;
  private final boolean alwaysEjectOneHost;
  private final Consumer<String> events;
  private final Map<String, HostState> hosts = new LinkedHashMap<>();
  private final long epochNanos;
  private Cancellable sweep;
  private int ejected;

  /**
   * As Istio configures Envoy today: {@code always_eject_one_host} is not set, so a host is ejected
   * only while (ejected + 1) / hosts stays within maxEjectionPercent. With the default 10 % and fewer
   * than ten pods nothing is ever ejected (Envoy 1.31 changed this; older Envoy always let one host
   * go). Lessons teach this; {@code maxEjectionPercent: 100} is the usual fix for small services.
   */
  public OutlierDetector(OutlierPolicy policy, Scheduler scheduler, Collection<String> hosts) {
    this(policy, scheduler, hosts, false, e -> {});
  }

  /**
   * @param alwaysEjectOneHost Envoy's {@code always_eject_one_host}: the first ejection ignores
   *     maxEjectionPercent
   * @param events             receives ejection and return reasons, for traces and logs
   */
  public OutlierDetector(OutlierPolicy policy, Scheduler scheduler, Collection<String> hosts,
      boolean alwaysEjectOneHost, Consumer<String> events) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.alwaysEjectOneHost = alwaysEjectOneHost;
    this.events = Objects.requireNonNull(events, "events");
    for (String h : hosts) {
      this.hosts.put(h, new HostState());
    }
    this.epochNanos = scheduler.ticker().nanoTime();
  }

  public OutlierPolicy policy() {
    return policy;
  }

  /**
   * Counts one result of a request to {@code host}.
   *
   * @return the ejection this result caused, if any
   */
  public Optional<Ejection> onResult(String host, HostResult result) {
    HostState h = hosts.get(host);
    if (h == null) {
      return Optional.empty();
    }
    if (!result.is5xx()) {
      h.consecutive5xx = 0;
      h.consecutiveGateway = 0;
      return Optional.empty();
    }
    Optional<Ejection> out = Optional.empty();
    if (result.isGatewayError()) {
      h.consecutiveGateway++;
      if (policy.consecutiveGatewayErrors() > 0
          && h.consecutiveGateway == policy.consecutiveGatewayErrors()) {
        out = trigger(host, h, "consecutive gateway errors");
        h.consecutiveGateway = 0;
      }
    } else {
      h.consecutiveGateway = 0;
    }
    h.consecutive5xx++;
    if (policy.consecutive5xxErrors() > 0 && h.consecutive5xx == policy.consecutive5xxErrors()) {
      Optional<Ejection> e = trigger(host, h, "consecutive 5xx errors");
      h.consecutive5xx = 0;
      if (out.isEmpty()) {
        out = e;
      }
    }
    return out;
  }

  public boolean isEjected(String host) {
    HostState h = hosts.get(host);
    return h != null && h.ejected;
  }

  public int ejectedCount() {
    return ejected;
  }

  /** The hosts load balancing may pick from now, in the order the detector was given them. */
  public HealthyHosts healthyHosts() {
    List<String> healthy = new ArrayList<>();
    hosts.forEach((name, h) -> {
      if (!h.ejected) {
        healthy.add(name);
      }
    });
    int total = hosts.size();
    if (ejected == 0) {
      return new HealthyHosts(healthy, false, "no host ejected");
    }
    double healthyPercent = total == 0 ? 0 : 100.0 * healthy.size() / total;
    if (policy.minHealthPercent() > 0 && healthyPercent < policy.minHealthPercent()) {
      return new HealthyHosts(List.copyOf(hosts.keySet()), true, "panic: " + healthy.size() + "/"
          + total + " hosts healthy, below minHealthPercent " + policy.minHealthPercent()
          + ", using all hosts");
    }
    if (healthy.isEmpty()) {
      return new HealthyHosts(healthy, false, "all " + total
          + " hosts ejected: no healthy upstream (503 UH)");
    }
    return new HealthyHosts(healthy, false, ejected + " of " + total + " hosts ejected");
  }

  private Optional<Ejection> trigger(String host, HostState h, String cause) {
    if (h.ejected) {
      return Optional.empty();
    }
    int total = hosts.size();
    boolean withinPercent = 100.0 * (ejected + 1) / total <= policy.maxEjectionPercent();
    if (!withinPercent && !(alwaysEjectOneHost && ejected == 0)) {
      events.accept("not ejecting " + host + " after " + cause + ": " + ejected + " of " + total
          + " hosts already ejected (maxEjectionPercent " + policy.maxEjectionPercent() + ")");
      return Optional.empty();
    }
    ejected++;
    h.ejected = true;
    h.timesEjected++;
    h.lastEjectionNanos = scheduler.ticker().nanoTime();
    Duration base = policy.baseEjectionTime();
    Duration max = policy.maxEjectionTime();
    if (base.multipliedBy(h.multiplier).compareTo(max.plus(base)) < 0) {
      h.multiplier++;
    }
    Duration duration = ejectionTime(h);
    String reason = "ejected " + host + " for " + Durations.format(duration) + " ("
        + ordinal(h.timesEjected) + " time) after " + cause;
    events.accept(reason);
    armSweep();
    return Optional.of(new Ejection(host, duration, h.timesEjected, reason));
  }

  private Duration ejectionTime(HostState h) {
    Duration d = policy.baseEjectionTime().multipliedBy(h.multiplier);
    return d.compareTo(policy.maxEjectionTime()) < 0 ? d : policy.maxEjectionTime();
  }

  private void armSweep() {
    if (sweep != null) {
      return;
    }
    long interval = policy.interval().toNanos();
    long now = scheduler.ticker().nanoTime();
    long k = Math.floorDiv(now - epochNanos, interval) + 1;
    long due = epochNanos + k * interval;
    sweep = scheduler.schedule(Duration.ofNanos(due - now), this::onSweep);
  }

  private void onSweep() {
    sweep = null;
    long now = scheduler.ticker().nanoTime();
    boolean needMore = false;
    for (Map.Entry<String, HostState> e : hosts.entrySet()) {
      HostState h = e.getValue();
      if (!h.ejected) {
        if (h.multiplier > 0) {
          h.multiplier--;
        }
      } else if (ejectionTime(h).toNanos() <= now - h.lastEjectionNanos) {
        h.ejected = false;
        ejected--;
        h.consecutive5xx = 0;
        h.consecutiveGateway = 0;
        events.accept("returned " + e.getKey() + " to load balancing after "
            + Durations.format(Duration.ofNanos(now - h.lastEjectionNanos)));
      }
      needMore |= h.ejected || h.multiplier > 0;
    }
    if (needMore) {
      armSweep();
    }
  }

  private static String ordinal(int n) {
    if (n % 100 >= 11 && n % 100 <= 13) {
      return n + "th";
    }
    return switch (n % 10) {
      case 1 -> n + "st";
      case 2 -> n + "nd";
      case 3 -> n + "rd";
      default -> n + "th";
    };
  }

  private static final class HostState {
    int consecutive5xx;
    int consecutiveGateway;
    boolean ejected;
    int timesEjected;
    int multiplier;
    long lastEjectionNanos;
  }
}
