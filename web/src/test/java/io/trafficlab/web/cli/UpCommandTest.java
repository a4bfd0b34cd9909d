package io.trafficlab.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UpCommandTest {
  private static final Path SAMPLES = Path.of("../engine/src/test/resources/conformance");

  @Test
  void upPrintsTheAddressesFirstServesTrafficAndStopsCleanly() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String sample = SAMPLES.resolve("route-https-redirect.yaml").toString();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
        Main.run(new String[] {"up", sample}, new PrintWriter(out, true), new PrintWriter(err, true)));
    String first = "";
    for (int i = 0; i < 500 && !first.endsWith("\n"); i++) {
      Thread.sleep(20); // waiting for the server to start, not timing it
      first = out.toString();
    }
    assertThat(first).as(err::toString).endsWith("\n");

    JsonNode addresses = new ObjectMapper().readTree(first.lines().findFirst().orElseThrow());
    String gateway = addresses.get("gateways").get("80").asText();
    assertThat(addresses.get("pods").get("productpage-v1-0").asText()).startsWith("127.0.0.1:");
    assertThat(addresses.get("sidecars").has("default/client")).isTrue();
    HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
        .send(HttpRequest.newBuilder(URI.create("http://" + gateway + "/productpage"))
            .header("x-ignored", "1").build(), HttpResponse.BodyHandlers.ofString());
    // The JDK client sends Host: 127.0.0.1:port, which no Gateway server names: 404 NR.
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("x-trafficlab-flags")).contains("NR");

    UpCommand.stopSignal.complete(null);

    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString().lines().count()).isEqualTo(1);
  }
}
