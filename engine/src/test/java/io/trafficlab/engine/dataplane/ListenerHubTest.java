package io.trafficlab.engine.dataplane;

import static io.trafficlab.engine.testing.NetTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import io.trafficlab.engine.dataplane.tls.GatewayCertificates;
import io.trafficlab.engine.dataplane.tls.TlsServer;
import io.trafficlab.engine.sim.pods.PodEcho;
import io.trafficlab.engine.sim.pods.PodFleet;
import io.trafficlab.engine.sim.pods.SidecarCaller;
import io.trafficlab.engine.sim.traffic.RawResponse;
import io.trafficlab.engine.sim.traffic.TrafficClient;
import io.trafficlab.engine.sim.traffic.TrafficRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ListenerHubTest {
  private static final RequestHandler WHO_AM_I = (inbound, req) ->
      CompletableFuture.completedFuture(ResponseMessage.text(200, inbound.listener().kind() + " "
          + inbound.listener().key() + " " + inbound.listener().labels() + " tls="
          + inbound.connection().tls() + " " + req.uri()));

  private static EngineRuntime runtime;
  private static TrafficClient client;

  @BeforeAll
  static void start() {
    runtime = EngineRuntime.start(1);
    client = new TrafficClient(runtime);
  }

  @AfterAll
  static void stop() {
    client.close();
    runtime.close();
  }

  @Test
  void startsOneListenerPerGatewayPortAndSidecarAndPrintsTheirAddresses() throws Exception {
    ListenerPlan plan = new ListenerPlan(
        List.of(ListenerPlan.GatewayPort.plain(80), ListenerPlan.GatewayPort.plain(8080)),
        List.of(new ListenerPlan.Sidecar("default/client", "default", Map.of("app", "client"))));
    try (ListenerHub hub = await(ListenerHub.start(runtime, plan, WHO_AM_I))) {
      JsonNode json = new ObjectMapper().readTree(
          hub.addresses().withPods(Map.of("web-v1-0", "127.0.0.1:1")).toJson());

      assertThat(json.fieldNames()).toIterable().containsExactly("gateways", "sidecars", "pods");
      assertThat(json.get("gateways").fieldNames()).toIterable().containsExactly("80", "8080");
      assertThat(json.get("sidecars").fieldNames()).toIterable().containsExactly("default/client");
      assertThat(json.get("pods").get("web-v1-0").asText()).isEqualTo("127.0.0.1:1");
      HashSet<String> distinct = new HashSet<>();
      for (JsonNode group : List.of(json.get("gateways"), json.get("sidecars"))) {
        group.forEach(a -> {
          assertThat(a.asText()).matches("127\\.0\\.0\\.1:\\d+");
          distinct.add(a.asText());
        });
      }
      assertThat(distinct).hasSize(3);
    }
  }

  @Test
  void theHandlerIsToldWhichListenerTheRequestCameIn() {
    ListenerPlan plan = new ListenerPlan(List.of(ListenerPlan.GatewayPort.plain(80)),
        List.of(new ListenerPlan.Sidecar("default/client", "default", Map.of("app", "client"))));
    try (ListenerHub hub = await(ListenerHub.start(runtime, plan, WHO_AM_I))) {
      RawResponse viaGateway = await(client.send(
          TrafficRequest.get(hub.gateway(80).orElseThrow(), "bookinfo.example.com", "/g")));
      RawResponse viaSidecar = await(client.send(
          TrafficRequest.get(hub.sidecar("default/client").orElseThrow(), "reviews", "/s")));

      assertThat(viaGateway.body()).isEqualTo("GATEWAY 80 {} tls=false /g");
      assertThat(viaSidecar.body()).isEqualTo("SIDECAR default/client {app=client} tls=false /s");
    }
  }

  @Test
  void httpsGatewayPortTerminatesTls() {
    TlsServer server = new TlsServer("bookinfo-credential", List.of("bookinfo.example.com"));
    GatewayCertificates certs = GatewayCertificates.issue(List.of(server), Optional.empty());
    ListenerPlan plan = new ListenerPlan(
        List.of(new ListenerPlan.GatewayPort(443, certs.sniMapping(List.of(server)))), List.of());
    try (ListenerHub hub = await(ListenerHub.start(runtime, plan, WHO_AM_I))) {
      RawResponse r = await(client.send(TrafficRequest.get(hub.gateway(443).orElseThrow(),
          "bookinfo.example.com", "/productpage").withTls(true)));

      assertThat(r.body()).isEqualTo("GATEWAY 443 {} tls=true /productpage");
    }
  }

  @Test
  void stoppedHubNoLongerAcceptsConnections() {
    ListenerPlan plan = new ListenerPlan(List.of(ListenerPlan.GatewayPort.plain(80)), List.of());
    ListenerHub hub = await(ListenerHub.start(runtime, plan, WHO_AM_I));
    InetSocketAddress address = hub.gateway(80).orElseThrow();
    hub.close();

    RawResponse r = await(client.send(TrafficRequest.get(address, "a", "/")));
    assertThat(r.isError()).isTrue();
    assertThat(r.status()).isZero();
  }

  @Test
  void planRejectsDuplicates() {
    assertThatThrownBy(() -> new ListenerPlan(List.of(ListenerPlan.GatewayPort.plain(80),
        ListenerPlan.GatewayPort.plain(80)), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("80");
    assertThatThrownBy(() -> ListenerPlan.GatewayPort.plain(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The whole seam with a stand-in proxy: client sidecar → pod "front", which calls "back" through
   * its own sidecar; the stand-in forwards by Host over an {@link UpstreamPool}.
   */
  @Test
  void podCallsTravelThroughItsOwnSidecarToAnotherPod() {
    PodDef front = new PodDef("front-0", "default", "front", Map.of("app", "front"),
        new PodBehavior(0, 0, 503, List.of(new PodBehavior.Call("back", "/inner")), Map.of()));
    PodDef back = new PodDef("back-0", "default", "back", Map.of("app", "back"),
        PodBehavior.HEALTHY);
    Topology topology = new Topology("default", List.of(), List.of(
        new ServiceDef("front", "default", List.of(new ServicePort(80, "http")), List.of(front)),
        new ServiceDef("back", "default", List.of(new ServicePort(80, "http")), List.of(back))));
    ListenerPlan plan = new ListenerPlan(List.of(), List.of(
        new ListenerPlan.Sidecar("default/client", "default", Map.of("app", "client")),
        ListenerPlan.Sidecar.ofPod(front)));
    CompletableFuture<Map<String, InetSocketAddress>> podAddresses = new CompletableFuture<>();
    CompletableFuture<UpstreamPool> upstream = new CompletableFuture<>();
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    RequestHandler standIn = (inbound, req) -> upstream.thenCompose(pool -> {
      seen.add(inbound.listener().key() + " " + req.authority() + req.uri() + " end-user="
          + req.headers().get("end-user"));
      return pool.forward(
        podAddresses.join().get(req.authority() + "-0"),
        req.withHeaders(req.headers().set("x-from", inbound.listener().key())),
        Duration.ofSeconds(1));
    });

    try (ListenerHub hub = await(ListenerHub.start(runtime, plan, standIn));
         PodFleet fleet = await(PodFleet.start(runtime, topology, 7,
             p -> new SidecarCaller(client, pod -> hub.sidecar(pod.namespace() + "/" + pod.name()))));
         UpstreamPool pool = new UpstreamPool(runtime, fleet.addresses().values())) {
      podAddresses.complete(fleet.addresses());
      upstream.complete(pool);

      RawResponse r = await(client.send(TrafficRequest.get(
          hub.sidecar("default/client").orElseThrow(), "front", "/outer")
          .withHeader("end-user", "jason")));

      PodEcho echo = PodEcho.parse(r.body().getBytes()).orElseThrow();
      assertThat(echo.pod()).isEqualTo("front-0");
      assertThat(echo.headers()).containsEntry("x-from", "default/client");
      assertThat(echo.calls()).singleElement().satisfies(c -> {
        assertThat(c.host()).isEqualTo("back");
        assertThat(c.status()).isEqualTo(200);
      });
      assertThat(fleet.pod("back-0").orElseThrow().requestCount()).isEqualTo(1);
      assertThat(seen).containsExactly("default/client front/outer end-user=jason",
          "default/front-0 back/inner end-user=jason");
    }
  }
}
