package io.trafficlab.engine.dataplane.http;

import static io.trafficlab.engine.testing.NetTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import io.trafficlab.engine.dataplane.EngineRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection between a client and a server of the same runtime is served on the client's event
 * loop (EngineRuntime's loop affinity); connections from outside are spread over the loops.
 */
class LoopAffinityTest {
  private EngineRuntime runtime;
  private HttpServerEndpoint server;
  /** Request target → the event loop that served it. */
  private final Map<String, EventExecutor> servedOn = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    runtime = EngineRuntime.start(4, 1, true);
    server = await(HttpServerEndpoint.bind(runtime, (conn, req) -> {
      servedOn.put(req.uri(), ThreadExecutorMap.currentExecutor());
      return CompletableFuture.completedFuture(ResponseMessage.text(200, "ok"));
    }, ServerOptions.PLAIN));
  }

  @AfterEach
  void stop() {
    await(server.close());
    runtime.close();
  }

  @Test
  void the_server_side_of_a_local_connection_runs_on_the_clients_event_loop() {
    List<ClientConnection> clients = new ArrayList<>();
    Set<EventExecutor> clientLoops = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      ClientConnection c = await(ClientConnection.connect(runtime,
          ClientEndpoint.plain(server.address()), Duration.ofSeconds(5), 1 << 16));
      clients.add(c);
      clientLoops.add(c.channel().eventLoop());
      ResponseMessage r = await(c.send(RequestMessage.get("/c" + i, "local")));
      assertThat(r.status()).isEqualTo(200);
    }

    for (int i = 0; i < clients.size(); i++) {
      assertThat(servedOn.get("/c" + i)).as("request %d", i)
          .isSameAs(clients.get(i).channel().eventLoop());
    }
    assertThat(clientLoops).as("the clients themselves are spread over the loops").hasSize(4);
    clients.forEach(ClientConnection::close);
  }

  @Test
  void connections_from_outside_the_runtime_are_spread_over_the_loops() throws IOException {
    for (int i = 0; i < 8; i++) {
      try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /o" + i + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        while (in.read() >= 0) {
          // read the whole response: the request has been served
        }
      }
    }

    Set<EventExecutor> loops = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      loops.add(servedOn.get("/o" + i));
    }
    assertThat(loops).hasSize(4);
  }
}
