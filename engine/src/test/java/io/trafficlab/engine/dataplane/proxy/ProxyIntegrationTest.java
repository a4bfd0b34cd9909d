package io.trafficlab.engine.dataplane.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.cases.CaseFile;
import io.trafficlab.engine.cases.CaseLoadResult;
import io.trafficlab.engine.cases.CaseLoader;
import io.trafficlab.engine.cases.CaseRequest;
import io.trafficlab.engine.cases.CaseRunner;
import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.run.EngineSession;
import io.trafficlab.engine.run.RunOptions;
import io.trafficlab.engine.sim.pods.SyntheticPod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy over real loopback sockets: each test starts a case's pods, listeners and proxy, sends
 * its requests and looks at the observations (and, where it matters, at what pods received).
 */
class ProxyIntegrationTest {
  private static final RunOptions OPTIONS = RunOptions.of(7, 10);

  private final List<EngineSession> sessions = new ArrayList<>();
  private CaseFile caseFile;

  @AfterEach
  void closeSessions() {
    sessions.forEach(EngineSession::close);
  }

  /** Starts the case and keeps it running until the test ends. */
  private EngineSession start(String yaml) {
    CaseLoadResult loaded = new CaseLoader().load("test.yaml", yaml);
    assertThat(loaded.ok()).as(() -> loaded.diagnostics().toString()).isTrue();
    caseFile = loaded.caseFile().get();
    CaseRunner runner = new CaseRunner(OPTIONS);
    FrontEndResult fr = runner.validate(caseFile);
    assertThat(fr.admissible()).as(() -> fr.diagnostics().toString()).isTrue();
    EngineSession s = runner.start(caseFile, fr);
    sessions.add(s);
    return s;
  }

  private List<Observation> send(EngineSession s, int request) {
    CaseRequest r = caseFile.requests().get(request);
    return s.run(r, "r" + request);
  }

  private Observation one(EngineSession s, int request) {
    return send(s, request).get(0);
  }

  private static final String REVIEWS_TOPOLOGY = """
      topology:
        namespace: default
        gateways:
          - {name: istio-ingressgateway, namespace: istio-system, labels: {istio: ingressgateway}}
        services:
          - name: reviews
            port: 9080
            pods:
              - labels: {app: reviews, version: v1}
              - labels: {app: reviews, version: v2}
      """;

  @Test
  void httpsRedirectAndRedirectRulesAnswerWithLocationAndReachNoPod() {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: Gateway
          metadata: {name: gw}
          spec:
            selector: {istio: ingressgateway}
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts: [secure.example.com]
              tls: {httpsRedirect: true}
            - port: {number: 80, name: http2, protocol: HTTP}
              hosts: [old.example.com]
          ---
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: old}
          spec:
            hosts: [old.example.com]
            gateways: [gw]
            http:
            - redirect: {uri: /v2/home, authority: new.example.com, redirectCode: 308}
        """ + REVIEWS_TOPOLOGY + """
        requests:
          - {via: gateway:80, host: secure.example.com, path: /a?b=1}
          - {via: gateway:80, host: old.example.com, path: /home?x=1}
        """);

    Observation https = one(s, 0);
    Observation moved = one(s, 1);

    assertThat(https.status()).isEqualTo(301);
    assertThat(https.responseHeaders()).containsEntry("location", "https://secure.example.com/a?b=1");
    assertThat(https.upstreamAttempts()).isZero();
    assertThat(moved.status()).isEqualTo(308);
    assertThat(moved.responseHeaders()).containsEntry("location", "http://new.example.com/v2/home?x=1");
    assertThat(moved.upstream()).isNull();
  }

  @Test
  void tlsGatewayPicksTheServerCertificateBySni() {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: Gateway
          metadata: {name: gw}
          spec:
            selector: {istio: ingressgateway}
            servers:
            - port: {number: 443, name: https-a, protocol: HTTPS}
              hosts: [a.example.com]
              tls: {mode: SIMPLE, credentialName: a-cert}
            - port: {number: 443, name: https-b, protocol: HTTPS}
              hosts: [b.example.com]
              tls: {mode: SIMPLE, credentialName: b-cert}
          ---
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: ab}
          spec:
            hosts: [a.example.com, b.example.com]
            gateways: [gw]
            http:
            - route:
              - destination: {host: reviews, subset: v1}
          ---
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews}
          spec:
            host: reviews
            subsets:
            - {name: v1, labels: {version: v1}}
        """ + REVIEWS_TOPOLOGY + """
          secrets: [a-cert]
        requests:
          - {via: gateway:443, scheme: https, host: a.example.com, path: /}
          - {via: gateway:443, scheme: https, host: b.example.com, path: /}
          - {via: gateway:443, host: a.example.com, path: /}
        """);

    Observation a = one(s, 0);
    Observation b = one(s, 1);
    Observation plain = one(s, 2);

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.upstream().subset()).isEqualTo("v1");
    // SNI b.example.com selects the server whose credential is missing: no handshake.
    assertThat(b.status()).isZero();
    assertThat(b.route()).startsWith("no response");
    assertThat(plain.status()).isZero();
  }

  @Test
  void headerOperationsAndRewritesReachThePodAndTheClient() {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - match:
              - uri: {prefix: /old}
              rewrite: {uri: /new, authority: reviews.internal}
              headers:
                request:
                  set: {x-set: one}
                  add: {x-added: two}
                  remove: [x-secret]
                response:
                  set: {x-served-by: mesh}
                  remove: [x-trafficlab-pod]
              route:
              - destination: {host: reviews}
        """ + REVIEWS_TOPOLOGY + """
        requests:
          - {via: mesh, host: reviews, path: /old/page?q=1, headers: {x-secret: s, x-set: zero}}
        """);

    Observation o = one(s, 0);

    assertThat(o.status()).isEqualTo(200);
    assertThat(o.upstream().path()).isEqualTo("/new/page?q=1");
    assertThat(o.upstream().authority()).isEqualTo("reviews.internal");
    assertThat(o.upstream().headers()).containsEntry("x-set", "one").containsEntry("x-added", "two")
        .doesNotContainKey("x-secret").doesNotContainKey(ProxyHeaders.TRACE);
    assertThat(o.responseHeaders()).containsEntry("x-served-by", "mesh")
        .doesNotContainKey(SyntheticPod.POD_HEADER);
  }

  @Test
  void mirrorsSendAMarkedCopyWhoseResponseIsIgnored() throws Exception {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews, subset: v1}
              mirror: {host: reviews, subset: v2}
          ---
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews}
          spec:
            host: reviews
            subsets:
            - {name: v1, labels: {version: v1}}
            - {name: v2, labels: {version: v2}}
        """ + REVIEWS_TOPOLOGY + """
        requests:
          - {via: mesh, host: reviews, path: /m, repeat: 3}
        """);

    List<Observation> copies = send(s, 0);

    assertThat(copies).allSatisfy(o -> {
      assertThat(o.upstream().pod()).isEqualTo("reviews-v1-0");
      assertThat(o.mirroredTo()).containsExactly(
          new Observation.Mirror("reviews", "default", "v2", "reviews-v2-0", "/m"));
    });
    SyntheticPod v2 = s.fleet().pod("reviews-v2-0").orElseThrow();
    for (int i = 0; i < 200 && v2.mirrorCount() < 3; i++) {
      Thread.sleep(10); // mirrors are fire-and-forget: wait for the last copy to land
    }
    assertThat(v2.mirrorCount()).isEqualTo(3);
    assertThat(v2.requestCount()).isZero();
  }

  @Test
  void retriesAvoidTheHostThatJustFailed() {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              retries: {attempts: 1, retryOn: 5xx}
          ---
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews}
          spec:
            host: reviews
            trafficPolicy: {loadBalancer: {simple: RANDOM}}
        topology:
          namespace: default
          services:
            - name: reviews
              port: 9080
              pods:
                - labels: {app: reviews, version: v1}
                  behavior: {errorRate: 1.0, status: 503}
                - labels: {app: reviews, version: v2}
        requests:
          - {via: mesh, host: reviews, path: /r, repeat: 30}
        """);

    List<Observation> copies = send(s, 0);

    assertThat(copies).allSatisfy(o -> {
      assertThat(o.status()).isEqualTo(200);
      assertThat(o.upstream().pod()).isEqualTo("reviews-v2-0");
    });
    assertThat(copies).anySatisfy(o -> {
      assertThat(o.upstreamAttempts()).isEqualTo(2);
      assertThat(o.route()).contains("attempt 1 → reviews-v1-0: 503, retry 1/1");
    });
  }

  @Test
  void perTryTimeoutIsRetriedOnAnotherPodWithinTheRouteTimeout() {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              timeout: 2s
              retries: {attempts: 2, perTryTimeout: 100ms, retryOn: 5xx}
          ---
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews}
          spec:
            host: reviews
            trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
        topology:
          namespace: default
          services:
            - name: reviews
              port: 9080
              pods:
                - labels: {app: reviews, version: slow}
                  behavior: {latencyMs: 5000}
                - labels: {app: reviews, version: fast}
                  behavior: {latencyMs: 10}
        requests:
          - {via: mesh, host: reviews, path: /p, repeat: 4}
        """);

    List<Observation> copies = send(s, 0);

    assertThat(copies).allSatisfy(o -> {
      assertThat(o.status()).isEqualTo(200);
      assertThat(o.upstream().pod()).isEqualTo("reviews-fast-0");
      assertThat(o.latencyMs()).isLessThan(400);
    });
    assertThat(copies).anySatisfy(o -> {
      assertThat(o.upstreamAttempts()).isEqualTo(2);
      assertThat(o.latencyMs()).isGreaterThanOrEqualTo(110);
      assertThat(o.route()).contains("per-try timeout");
    });
  }

  @Test
  void routeTimeoutCoversEveryRetry() {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              timeout: 500ms
              retries: {attempts: 10, perTryTimeout: 200ms, retryOn: 5xx}
        topology:
          namespace: default
          services:
            - name: reviews
              port: 9080
              pods:
                - labels: {app: reviews}
                  behavior: {latencyMs: 3000}
        requests:
          - {via: mesh, host: reviews, path: /t}
        """);

    Observation o = one(s, 0);

    assertThat(o.status()).isEqualTo(504);
    assertThat(o.responseFlags()).containsExactly("UT");
    assertThat(o.body()).isEqualTo("upstream request timeout");
    assertThat(o.upstreamAttempts()).isBetween(2, 3);
    assertThat(o.latencyMs()).isEqualTo(500.0);
    assertThat(o.route()).contains("route timeout 500ms fired");
  }

  @Test
  void poolLimitsQueueOneRequestAndOverflowTheNextWithUo() {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: httpbin}
          spec:
            host: httpbin
            trafficPolicy:
              connectionPool:
                tcp: {maxConnections: 1}
                http: {http1MaxPendingRequests: 1}
        topology:
          namespace: default
          services:
            - name: httpbin
              port: 8000
              pods:
                - labels: {app: httpbin}
                  behavior: {latencyMs: 1000}
        requests:
          - {via: mesh, host: httpbin, path: /get, concurrent: 3}
        """);

    List<Observation> copies = send(s, 0);

    assertThat(copies).extracting(Observation::status).containsExactlyInAnyOrder(200, 200, 503);
    Observation overflow = copies.stream().filter(o -> o.status() == 503).findFirst().orElseThrow();
    assertThat(overflow.responseFlags()).containsExactly("UO");
    assertThat(overflow.upstreamAttempts()).isZero();
    // The queued request started when the first one ended: one simulated second later.
    assertThat(copies.stream().filter(o -> o.status() == 200).mapToDouble(Observation::latencyMs)
        .max().orElseThrow()).isGreaterThanOrEqualTo(2000);
  }

  @Test
  void outlierDetectionEjectsAFailingPodAndReturnsItAfterTheEjectionTime() throws Exception {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              retries: {attempts: 0}
          ---
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews}
          spec:
            host: reviews
            trafficPolicy:
              loadBalancer: {simple: ROUND_ROBIN}
              outlierDetection:
                consecutive5xxErrors: 1
                interval: 1s
                baseEjectionTime: 2s
                maxEjectionPercent: 100
        topology:
          namespace: default
          services:
            - name: reviews
              port: 9080
              pods:
                - labels: {app: reviews, version: bad}
                  behavior: {errorRate: 1.0, status: 503}
                - labels: {app: reviews, version: good}
        requests:
          - {via: mesh, host: reviews, path: /o, repeat: 6}
          - {via: mesh, host: reviews, path: /o, repeat: 2}
        """);

    List<Observation> first = send(s, 0);
    assertThat(first).extracting(Observation::status).containsOnlyOnce(503);
    assertThat(first.stream().filter(o -> o.status() == 503).findFirst().orElseThrow().route())
        .contains("ejected reviews-bad-0");
    assertThat(first.subList(2, 6)).allSatisfy(o -> assertThat(o.status()).isEqualTo(200));

    // 2 s ejection, returned at the next 1 s sweep: wait 3.5 simulated seconds.
    Thread.sleep((long) (3500 / OPTIONS.timeScale()));
    List<Observation> later = send(s, 1);

    assertThat(later).extracting(o -> o.upstream() == null ? "none" : o.upstream().pod())
        .contains("reviews-bad-0");
  }

  @Test
  void faultDelayAddsExactlyItsDurationAndAbortNeverReachesThePod() {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - match:
              - headers: {end-user: {exact: jason}}
              fault: {abort: {httpStatus: 418, percentage: {value: 100}}}
              route:
              - destination: {host: reviews}
            - fault: {delay: {fixedDelay: 1500ms, percentage: {value: 100}}}
              route:
              - destination: {host: reviews}
        """ + REVIEWS_TOPOLOGY + """
        requests:
          - {via: mesh, host: reviews, path: /f, headers: {end-user: jason}}
          - {via: mesh, host: reviews, path: /f}
        """);

    Observation aborted = one(s, 0);
    Observation delayed = one(s, 1);

    assertThat(aborted.status()).isEqualTo(418);
    assertThat(aborted.responseFlags()).containsExactly("FI");
    assertThat(aborted.body()).isEqualTo("fault filter abort");
    assertThat(aborted.upstreamAttempts()).isZero();
    assertThat(delayed.status()).isEqualTo(200);
    assertThat(delayed.responseFlags()).containsExactly("DI");
    assertThat(delayed.responseHeaders()).containsEntry(ProxyHeaders.FLAGS, "DI");
    assertThat(delayed.latencyMs()).isEqualTo(1500.0);
    long podRequests = s.fleet().pods().stream().mapToLong(SyntheticPod::requestCount).sum();
    assertThat(podRequests).isEqualTo(1);
  }

  @Test
  void aDelayOnTheCalleeMakesTheCallersTimeoutFire() {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: ratings}
          spec:
            hosts: [ratings]
            http:
            - fault: {delay: {fixedDelay: 2s, percentage: {value: 100}}}
              route:
              - destination: {host: ratings}
          ---
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              timeout: 800ms
        topology:
          namespace: default
          services:
            - name: reviews
              port: 9080
              pods:
                - labels: {app: reviews}
                  behavior: {latencyMs: 30, calls: [{host: ratings, path: /ratings/1}]}
            - name: ratings
              port: 9080
              pods:
                - labels: {app: ratings}
        requests:
          - {via: mesh, from: {labels: {app: productpage}}, host: reviews, path: /reviews/1}
          - {via: mesh, from: {labels: {app: ratings-client}}, host: ratings, path: /ratings/1}
        """);

    Observation caller = one(s, 0);
    Observation callee = one(s, 1);

    assertThat(caller.status()).isEqualTo(504);
    assertThat(caller.responseFlags()).containsExactly("UT");
    assertThat(caller.latencyMs()).isEqualTo(800.0);
    assertThat(callee.status()).isEqualTo(200);
    assertThat(callee.latencyMs()).isEqualTo(2000.0);
  }

  @Test
  void hostsOutsideTheTopologyGet404Or503AndNoConnection() {
    EngineSession s = start("""
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: metadata.google.internal}
        """ + REVIEWS_TOPOLOGY + """
        requests:
          - {via: mesh, host: 169.254.169.254, path: /latest/meta-data}
          - {via: mesh, host: reviews, path: /x}
          - {via: mesh, host: "127.0.0.1:22", path: /}
        """);

    Observation metadata = one(s, 0);
    Observation external = one(s, 1);
    Observation loopback = one(s, 2);

    assertThat(metadata.status()).isEqualTo(404);
    assertThat(metadata.responseFlags()).containsExactly("NR");
    assertThat(external.status()).isEqualTo(503);
    assertThat(external.responseFlags()).containsExactly("NC");
    assertThat(external.upstreamAttempts()).isZero();
    assertThat(loopback.status()).isEqualTo(404);
    assertThat(s.fleet().pods()).allSatisfy(p -> assertThat(p.requestCount()).isZero());
  }

  @Test
  void theSameSeedPicksTheSameWayWhateverTheParallelism() {
    String yaml = """
        config: |
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews, subset: v1}
                weight: 70
              - destination: {host: reviews, subset: v2}
                weight: 30
          ---
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews}
          spec:
            host: reviews
            subsets:
            - {name: v1, labels: {version: v1}}
            - {name: v2, labels: {version: v2}}
        """ + REVIEWS_TOPOLOGY + """
        requests:
          - {via: mesh, host: reviews, path: /w, concurrent: 40}
          - {via: mesh, host: reviews, path: /w, repeat: 40}
        """;
    EngineSession s = start(yaml);
    List<String> concurrent = send(s, 0).stream().map(o -> o.upstream().subset()).toList();
    CaseRequest sequential = caseFile.requests().get(1);

    List<String> again = s.run(sequential, "r0").stream().map(o -> o.upstream().subset()).toList();

    assertThat(again).isEqualTo(concurrent);
    assertThat(Map.of("v2", again.stream().filter("v2"::equals).count()).get("v2"))
        .isBetween(4L, 24L);
  }
}
