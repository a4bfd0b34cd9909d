package io.trafficlab.web;

import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.labs.grade.TrafficLab;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A lab for web tests: the test pack's "shop" service with v1 and v2 pods; a traffic check passes
 * when {@code passes} says so for its id. With a gate, every run waits for it (queue-full tests).
 */
public final class FakeLab implements TrafficLab {
  private final Predicate<String> passes;
  private final CountDownLatch gate;

  public FakeLab(Predicate<String> passes) {
    this(passes, new CountDownLatch(0));
  }

  public FakeLab(Predicate<String> passes, CountDownLatch gate) {
    this.passes = passes;
    this.gate = gate;
  }

  @Override
  public Topology topology(YamlMap topology, List<Diagnostic> out) {
    return new Topology("default", List.of(), List.of(new ServiceDef("shop", "default",
        List.of(new ServicePort(8080, "http")), List.of(
            new PodDef("shop-v1-0", "default", "shop", Map.of("app", "shop", "version", "v1"), null),
            new PodDef("shop-v2-0", "default", "shop", Map.of("app", "shop", "version", "v2"), null)))));
  }

  @Override
  public Session start(FrontEndResult config, Topology topology, long seed, double timeScale) {
    return new Session() {
      @Override
      public Outcome run(YamlMap traffic) {
        try {
          if (!gate.await(30, TimeUnit.SECONDS)) {
            return new Outcome(false, "", List.of(), "gate never opened");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        String id = traffic.string("id").orElse("?");
        return passes.test(id) ? new Outcome(true, "", List.of(), "")
            : new Outcome(false, "5/5 requests reached v1", List.of(), "");
      }

      @Override
      public void close() {}
    };
  }
}
