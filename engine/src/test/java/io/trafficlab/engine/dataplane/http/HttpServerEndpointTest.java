package io.trafficlab.engine.dataplane.http;

import static io.trafficlab.engine.testing.NetTesting.await;
import static io.trafficlab.engine.testing.NetTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.dataplane.EngineRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpServerEndpointTest {
  private static EngineRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = EngineRuntime.start(1);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  private static HttpServerEndpoint echoPath(ServerOptions options) {
    return await(HttpServerEndpoint.bind(runtime,
        (conn, req) -> CompletableFuture.completedFuture(ResponseMessage.text(200, req.uri())),
        options));
  }

  /** Writes raw bytes and reads until {@code marker} has been seen {@code times} times. */
  private static String exchange(HttpServerEndpoint server, String raw, String marker, int times)
      throws IOException {
    try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream seen = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      while (count(seen.toString(StandardCharsets.ISO_8859_1), marker) < times) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        seen.write(buf, 0, n);
      }
      return seen.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static int count(String text, String marker) {
    int n = 0;
    for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    HttpServerEndpoint server = echoPath(ServerOptions.PLAIN);
    String raw = "GET /first HTTP/1.1\r\nHost: a\r\n\r\nGET /second HTTP/1.1\r\nHost: a\r\n\r\n"
        + "GET /third HTTP/1.1\r\nHost: a\r\n\r\n";

    String answer = exchange(server, raw, "HTTP/1.1 200", 3);

    assertThat(answer.indexOf("/first")).isLessThan(answer.indexOf("/second"));
    assertThat(answer.indexOf("/second")).isLessThan(answer.indexOf("/third"));
    assertThat(server.connectionsAccepted()).isEqualTo(1);
    await(server.close());
  }

  @Test
  void bodyOverTheCapIsRefusedWith413() throws IOException {
    HttpServerEndpoint server = echoPath(new ServerOptions(16, null));
    String raw = "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 64\r\n\r\n" + "x".repeat(64);

    assertThat(exchange(server, raw, "413", 1)).startsWith("HTTP/1.1 413");
    await(server.close());
  }

  @Test
  void failingHandlerGivesABare500WithoutDetails() throws IOException {
    HttpServerEndpoint server = await(HttpServerEndpoint.bind(runtime,
        (conn, req) -> CompletableFuture.failedFuture(new IllegalStateException("secret detail")),
        ServerOptions.PLAIN));

    String answer = exchange(server, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "internal error", 1);

    assertThat(answer).startsWith("HTTP/1.1 500").doesNotContain("secret detail");
    await(server.close());
  }

  @Test
  void connectionCloseRequestIsAnsweredThenClosed() throws IOException {
    HttpServerEndpoint server = echoPath(ServerOptions.PLAIN);

    String answer = exchange(server, "GET /bye HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        "never-there", 1);

    assertThat(answer).startsWith("HTTP/1.1 200").contains("connection: close").endsWith("/bye");
    await(server.close());
  }

  @Test
  void closeAlsoClosesIdleKeepAliveConnections() {
    HttpServerEndpoint server = echoPath(ServerOptions.PLAIN);
    ClientConnection conn = await(ClientConnection.connect(runtime,
        ClientEndpoint.plain(server.address()), Duration.ofSeconds(5), 1 << 16));
    assertThat(await(conn.send(RequestMessage.get("/x", "a"))).bodyText()).isEqualTo("/x");
    assertThat(conn.isReusable()).isTrue();

    await(server.close());

    await(conn.closeFuture());
    assertThat(conn.isOpen()).isFalse();
    assertThat(failure(conn.send(RequestMessage.get("/y", "a"))))
        .isInstanceOf(StaleConnectionException.class);
  }

  @Test
  void headersKeepTheirOrderWithLowerCaseNames() {
    Headers h = Headers.EMPTY.add("X-One", "1").add("x-two", "2").add("X-ONE", "3");
    assertThat(h.getAll("x-one")).containsExactly("1", "3");
    assertThat(h.toMap()).containsExactly(
        java.util.Map.entry("x-one", "1,3"), java.util.Map.entry("x-two", "2"));
    assertThat(h.set("x-one", "9").getAll("X-One")).containsExactly("9");
    assertThat(h.without("X-TWO").contains("x-two")).isFalse();
  }
}
