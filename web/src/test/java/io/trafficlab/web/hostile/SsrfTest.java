package io.trafficlab.web.hostile;

import static io.trafficlab.web.hostile.Hostile.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trafficlab.web.TestApp;
import io.trafficlab.web.TestBrowser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A submitted configuration can never make the engine open a connection outside its own loopback
 * pods. Proof: a TCP listener of the test on an ephemeral loopback port (and on [::1] where the
 * machine has IPv6) that every hostile destination, mirror, Service, gateway port and playground
 * request points at receives no connection at all, while the same gradings really ran traffic.
 * Addresses outside loopback (metadata servers, public names) appear only as names the engine must
 * refuse: it never resolves names and connects only to its pods' addresses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsrfTest {
  static final String GRADE = "/api/v1/exercises/" + Hostile.PACK + "/" + HostileInputTest.EXERCISE + "/grade";

  TestApp t;
  TestBrowser browser;
  String gateway;
  final List<Trap> traps = new ArrayList<>();
  int port;

  /** A listener that only counts who connects to it. */
  static final class Trap implements AutoCloseable {
    final ServerSocket socket;
    final AtomicInteger accepted = new AtomicInteger();
    final Thread thread;

    Trap(InetAddress address, int port) throws IOException {
      socket = new ServerSocket();
      socket.bind(new InetSocketAddress(address, port));
      thread = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket s = socket.accept()) {
            accepted.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      }, "ssrf-trap");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @BeforeAll
  void start() throws Exception {
    Trap v4 = new Trap(InetAddress.getByName("127.0.0.1"), 0);
    traps.add(v4);
    port = v4.socket.getLocalPort();
    try {
      traps.add(new Trap(InetAddress.getByName("::1"), port));
    } catch (SocketException noIpv6Here) {
      // IPv4-only machine: the IPv6 destinations are still refused, there is just nothing to trap
    }
    t = TestApp.withEngine(2, 8, Duration.ofSeconds(20));
    browser = new TestBrowser(t.app.port());
    browser.get("/packs/" + Hostile.PACK + "/exercises/" + HostileInputTest.EXERCISE);
    String solution = Hostile.solution(HostileInputTest.EXERCISE);
    gateway = solution.substring(0, solution.indexOf("\n---"));
    assertThat(gateway).contains("kind: Gateway");
  }

  @AfterAll
  void stop() throws Exception {
    t.close();
    for (Trap trap : traps) {
      trap.close();
    }
  }

  /** The gateway of the exercise plus routes whose destination and mirror are {@code host}:{@code port}. */
  String routeTo(String host, int destinationPort) {
    return gateway + """

        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: outside}
        spec:
          hosts: [ecommerce.example.com, ecommerce-frontend]
          gateways: [ecommerce-gateway, mesh]
          http:
          - mirror: {host: "%1$s", port: {number: %2$d}}
            mirrorPercentage: {value: 100}
            route:
            - destination: {host: "%1$s", port: {number: %2$d}}
        """.formatted(host, destinationPort);
  }

  @Test
  void noSubmittedConfigurationOrPlaygroundRequestReachesAListenerOutsideThePods() throws Exception {
    List<String> configs = new ArrayList<>();
    for (String host : List.of("127.0.0.1", "localhost", "::1", "[::1]", "0.0.0.0", "127.0.0.2",
        "169.254.169.254", "metadata.google.internal", "example.com", "localhost.localdomain")) {
      configs.add(routeTo(host, port));
    }
    configs.add(routeTo("localhost", 22));
    configs.add(routeTo("127.0.0.1", 22));
    // A Service and Deployment of the learner's own on the trap's port: its pods are synthetic.
    configs.add(routeTo("evil", port) + """
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: evil}
        spec: {selector: {app: evil}, ports: [{name: http, port: %1$d}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: evil}
        spec: {replicas: 2, selector: {matchLabels: {app: evil}}, template: {metadata: {labels: {app: evil}}}}
        """.formatted(port));
    // A Gateway server on the trap's port: gateway listeners bind their own ephemeral ports.
    configs.add(gateway.replace("number: 80", "number: " + port) + "\n---\n"
        + routeTo("ecommerce-frontend", 80).substring(gateway.length() + 5)
            .replace("[ecommerce-gateway, mesh]", "[ecommerce-gateway]"));

    List<Integer> statuses = new ArrayList<>();
    for (String config : configs) {
      HttpResponse<String> g = t.post(GRADE, "application/yaml", config);
      assertThat(g.statusCode()).as(g.body()).isEqualTo(200);
      Hostile.assertNoInternals(g.body());
      JsonNode report = JSON.readTree(g.body());
      report.path("checks").forEach(c -> c.path("traces").forEach(o -> statuses.add(o.path("status").asInt())));
    }
    String evil = configs.get(configs.size() - 2);
    for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "169.254.169.254",
        "metadata.google.internal", "example.com", "ecommerce-frontend:" + port)) {
      for (String via : List.of("mesh", "gateway:80", "gateway:" + port)) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("yaml", evil, "via", via, "host", host, "path", "/",
            "headers", "X-Forwarded-Host: 127.0.0.1:" + port + "\nX-Forwarded-For: 169.254.169.254"));
        HttpResponse<String> r = browser.post("/packs/" + Hostile.PACK + "/exercises/"
            + HostileInputTest.EXERCISE + "/playground", form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Hostile.assertNoInternals(r.body());
      }
    }

    assertThat(statuses).as("the gradings really sent traffic").isNotEmpty()
        .as("and the engine answered it itself").contains(503);
    for (Trap trap : traps) {
      assertThat(trap.accepted.get()).as("connections to " + trap.socket.getLocalSocketAddress()).isZero();
    }
  }
}
