package io.trafficlab.engine.sim.pods;

import static io.trafficlab.engine.testing.NetTesting.await;
import static io.trafficlab.engine.testing.NetTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.engine.dataplane.EngineRuntime;
import io.trafficlab.engine.sim.traffic.RawResponse;
import io.trafficlab.engine.sim.traffic.TrafficClient;
import io.trafficlab.engine.sim.traffic.TrafficRequest;
import io.trafficlab.engine.testing.NetTesting;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PodFleetTest {
  private static EngineRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = EngineRuntime.start(1);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  private static ServiceDef service(String name, String... pods) {
    return new ServiceDef(name, "default", List.of(new ServicePort(9080, "http")),
        java.util.Arrays.stream(pods).map(p -> NetTesting.pod(p, name, Map.of("app", name),
            PodBehavior.HEALTHY)).toList());
  }

  @Test
  void startsOnePodServerPerTopologyPodAndStopsThemAll() {
    Topology t = new Topology("default", List.of(), List.of(
        service("reviews", "reviews-v1-0", "reviews-v2-0"), service("ratings", "ratings-v1-0")));
    PodFleet fleet = await(PodFleet.start(runtime, t, 1, p -> OutboundCaller.NONE));
    TrafficClient client = new TrafficClient(runtime);

    assertThat(fleet.hostPorts().keySet())
        .containsExactly("reviews-v1-0", "reviews-v2-0", "ratings-v1-0");
    assertThat(fleet.hostPorts().values()).allMatch(a -> a.matches("127\\.0\\.0\\.1:\\d+"));
    assertThat(new HashSet<>(fleet.addresses().values())).hasSize(3);
    fleet.addresses().forEach((name, address) -> {
      RawResponse r = await(client.send(TrafficRequest.get(address, "x", "/")));
      assertThat(r.headers()).containsEntry(SyntheticPod.POD_HEADER, name);
    });

    fleet.close();

    RawResponse afterStop = await(client.send(
        TrafficRequest.get(fleet.addresses().get("ratings-v1-0"), "x", "/")));
    assertThat(afterStop.isError()).isTrue();
    client.close();
  }

  @Test
  void duplicatePodNamesAreRefused() {
    Topology t = new Topology("default", List.of(), List.of(
        service("a", "same-0"), service("b", "same-0")));

    assertThat(failure(PodFleet.start(runtime, t, 1, p -> OutboundCaller.NONE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same-0");
  }
}
