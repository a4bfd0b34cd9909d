package io.trafficlab.engine.sim.pods;

import static io.trafficlab.engine.testing.NetTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.dataplane.EngineRuntime;
import io.trafficlab.engine.sim.traffic.RawResponse;
import io.trafficlab.engine.sim.traffic.TrafficClient;
import io.trafficlab.engine.sim.traffic.TrafficGenerator;
import io.trafficlab.engine.sim.traffic.TrafficRequest;
import io.trafficlab.engine.testing.NetTesting;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticPodTest {
  private static final Map<String, String> LABELS = Map.of("app", "reviews", "version", "v2");
  private static EngineRuntime runtime;
  private static TrafficClient client;
  private static TrafficGenerator generator;
  private final List<SyntheticPod> started = new java.util.ArrayList<>();

  @BeforeAll
  static void start() {
    runtime = EngineRuntime.start(2, 20, true);
    client = new TrafficClient(runtime);
    generator = new TrafficGenerator(client);
  }

  @AfterAll
  static void stop() {
    client.close();
    runtime.close();
  }

  @AfterEach
  void stopPods() {
    started.forEach(p -> await(p.stop()));
  }

  private SyntheticPod pod(String name, PodBehavior behavior, long seed, OutboundCaller caller) {
    SyntheticPod p = await(SyntheticPod.start(runtime,
        new PodDef(name, "default", "reviews", LABELS, behavior), seed, caller));
    started.add(p);
    return p;
  }

  private static PodEcho echo(RawResponse r) {
    return PodEcho.parse(r.body().getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  @Test
  void answersWithWhatItSawAndItsResponseHeaders() {
    SyntheticPod p = pod("reviews-v2-0", new PodBehavior(0, 0, 503, List.of(),
        Map.of("x-version", "v2")), 1, OutboundCaller.NONE);

    RawResponse r = await(client.send(TrafficRequest.get(p.address(), "reviews:9080", "/r/1?u=2")
        .withMethod("DELETE").withHeader("End-User", "jason").withHeader("x-b", "1")));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("x-version", "v2")
        .containsEntry(SyntheticPod.POD_HEADER, "reviews-v2-0")
        .containsEntry("content-type", "application/json");
    PodEcho e = echo(r);
    assertThat(e.pod()).isEqualTo("reviews-v2-0");
    assertThat(e.service()).isEqualTo("reviews");
    assertThat(e.namespace()).isEqualTo("default");
    assertThat(e.labels()).isEqualTo(LABELS);
    assertThat(e.method()).isEqualTo("DELETE");
    assertThat(e.path()).isEqualTo("/r/1?u=2");
    assertThat(e.authority()).isEqualTo("reviews:9080");
    assertThat(e.headers()).containsEntry("end-user", "jason").containsEntry("x-b", "1")
        .containsEntry("host", "reviews:9080");
    assertThat(e.mirror()).isFalse();
    assertThat(e.toUpstream("v2").subset()).isEqualTo("v2");
    assertThat(e.toUpstream("v2").podLabels()).isEqualTo(LABELS);
  }

  @Test
  void latencyIsWaitedInSimulatedTimeAtTimeScale20() {
    SyntheticPod p = pod("slow-0", NetTesting.behavior(2000, 0, 503), 1, OutboundCaller.NONE);
    long realStart = System.nanoTime();

    RawResponse r = await(client.send(TrafficRequest.get(p.address(), "reviews", "/")));

    long realMs = (System.nanoTime() - realStart) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.latencyMs()).isGreaterThanOrEqualTo(2000);
    // 2000 simulated ms are 100 real ms at scale 20; unscaled they would be 2000 real ms.
    assertThat(realMs).isLessThan(1500);
  }

  @Test
  void errorsAreIndependentPerRequestAtTheConfiguredRateAndReproducibleFromTheSeed() {
    PodBehavior flaky = NetTesting.behavior(0, 0.3, 502);
    SyntheticPod a = pod("flaky-0", flaky, 42, OutboundCaller.NONE);
    SyntheticPod sameSeed = pod("flaky-0", flaky, 42, OutboundCaller.NONE);
    SyntheticPod otherSeed = pod("flaky-0", flaky, 43, OutboundCaller.NONE);

    List<Integer> first = statuses(a, 400);
    List<Integer> again = statuses(sameSeed, 400);
    List<Integer> other = statuses(otherSeed, 400);

    assertThat(first).containsOnly(200, 502);
    long errors = first.stream().filter(s -> s == 502).count();
    assertThat(errors).isBetween(80L, 160L); // expected 120, sd ~9
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  private static List<Integer> statuses(SyntheticPod p, int n) {
    return await(generator.repeat(TrafficRequest.get(p.address(), "reviews", "/"), n)).stream()
        .map(RawResponse::status).toList();
  }

  @Test
  void callsAreMadeOneAfterAnotherBeforeTheAnswer() throws Exception {
    LinkedBlockingQueue<CompletableFuture<CallResult>> pending = new LinkedBlockingQueue<>();
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    OutboundCaller fake = (pod, call, inbound) -> {
      calls.add(pod.name() + "->" + call.host() + call.path() + " end-user="
          + inbound.headers().get("end-user"));
      CompletableFuture<CallResult> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    };
    SyntheticPod p = pod("productpage-0", new PodBehavior(0, 0, 503, List.of(
        new PodBehavior.Call("details", "/details/0"),
        new PodBehavior.Call("reviews", "/reviews/0")), Map.of()), 1, fake);

    CompletableFuture<RawResponse> response = client.send(
        TrafficRequest.get(p.address(), "productpage", "/productpage").withHeader("end-user", "jason"));

    CompletableFuture<CallResult> first = pending.poll(5, TimeUnit.SECONDS);
    assertThat(calls).containsExactly("productpage-0->details/details/0 end-user=jason");
    assertThat(response).isNotDone();
    first.complete(new CallResult(200, 12.5));
    CompletableFuture<CallResult> second = pending.poll(5, TimeUnit.SECONDS);
    assertThat(calls).hasSize(2).last().asString().startsWith("productpage-0->reviews/reviews/0");
    assertThat(response).isNotDone();
    second.completeExceptionally(new IllegalStateException("reset"));

    PodEcho e = echo(await(response));
    assertThat(e.calls()).containsExactly(
        new PodEcho.CallRecord("details", "/details/0", 200, 12.5, null),
        new PodEcho.CallRecord("reviews", "/reviews/0", 0, 0, "reset"));
  }

  @Test
  void mirrorCopiesAreCountedApartFromOrdinaryRequests() {
    SyntheticPod p = pod("reviews-v3-0", PodBehavior.HEALTHY, 1, OutboundCaller.NONE);
    TrafficRequest plain = TrafficRequest.get(p.address(), "reviews", "/a");

    await(client.send(plain));
    await(client.send(plain));
    RawResponse mirrored = await(client.send(TrafficRequest.get(p.address(), "reviews-shadow", "/m?x=1")
        .withHeader(SyntheticPod.MIRROR_HEADER, "1")));

    assertThat(p.requestCount()).isEqualTo(2);
    assertThat(p.mirrorCount()).isEqualTo(1);
    assertThat(p.mirrorCopies()).containsExactly(new MirrorCopy("GET", "/m?x=1", "reviews-shadow"));
    assertThat(echo(mirrored).mirror()).isTrue();
  }

  @Test
  void concurrentRequestsAreServedTogether() {
    int n = 4;
    List<CompletableFuture<CallResult>> held = new java.util.ArrayList<>();
    // The pod's call is held until all n requests are inside the pod at once.
    OutboundCaller gate = (pod, call, inbound) -> {
      CompletableFuture<CallResult> f = new CompletableFuture<>();
      synchronized (held) {
        held.add(f);
        if (held.size() == n) {
          held.forEach(h -> h.complete(new CallResult(200, 0)));
        }
      }
      return f;
    };
    SyntheticPod p = pod("busy-0", new PodBehavior(0, 0, 503,
        List.of(new PodBehavior.Call("db", "/q")), Map.of()), 1, gate);

    List<RawResponse> rs = await(generator.concurrent(TrafficRequest.get(p.address(), "r", "/"), n));

    assertThat(rs).extracting(RawResponse::status).containsOnly(200);
    assertThat(p.maxInFlight()).isEqualTo(n);
    assertThat(p.connectionsAccepted()).isEqualTo(n);
  }

  @Test
  void aBodyThatIsNotAnEchoParsesToNothing() {
    assertThat(PodEcho.parse("no healthy upstream".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(PodEcho.parse("{\"x\": 1}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(PodEcho.parse(new byte[0])).isEmpty();
  }
}
