package io.trafficlab.engine.sim.pods;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodEchoTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  private static PodEcho echo(String tricky, List<PodEcho.CallRecord> calls) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", "reviews.default.svc.cluster.local:9080");
    headers.put("x-quote", "say \"hi\" \\ bye");
    headers.put("x-controls", "a\tb\nc\rd\be\ff\u0001g\u001fh\u007f");
    headers.put("x-latin1", "caf\u00e9 \u00ff");
    headers.put("x-tricky", tricky);
    return new PodEcho("reviews-v2-0", "reviews", "default", Map.of("app", "reviews", "version", "v2"),
        "GET", "/reviews/0?x=\"1\"", "reviews:9080", headers, calls, false);
  }

  @Test
  void handWrittenJsonIsByteForByteWhatJacksonWrites() throws Exception {
    List<PodEcho> echoes = List.of(
        echo("", List.of()),
        echo("\u00e9\u20ac\uD83D\uDE00", List.of(new PodEcho.CallRecord("ratings", "/r", 200, 12.5, null),
            new PodEcho.CallRecord("details", "/d", 0, 0, "connection \"reset\"\n"),
            new PodEcho.CallRecord("x", "/y", 503, 1.0E-4, null),
            new PodEcho.CallRecord("x", "/y", 200, 123456789.125, null))),
        new PodEcho("p", "s", "ns", Map.of(), "POST", "/", "", Map.of(), List.of(), true));
    for (PodEcho e : echoes) {
      assertThat(new String(e.toJson(), StandardCharsets.UTF_8))
          .isEqualTo(JACKSON.writeValueAsString(e));
    }
  }

  @Test
  void theJsonParsesBackToTheSameEcho() {
    PodEcho e = echo("\u0000 end", List.of(new PodEcho.CallRecord("ratings", "/r", 200, 2.5, null)));

    assertThat(PodEcho.parse(e.toJson())).contains(e);
  }

  /** What Jackson's data binding made of a body (the reader before the streaming one). */
  private static java.util.Optional<PodEcho> boundByJackson(String body) {
    try {
      PodEcho e = new ObjectMapper().configure(
          com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .readValue(body, PodEcho.class);
      return e.pod() == null ? java.util.Optional.empty() : java.util.Optional.of(e);
    } catch (Exception notAnEcho) {
      return java.util.Optional.empty();
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "{\"pod\":\"p\",\"service\":\"s\",\"labels\":{\"app\":\"a\"},\"extra\":[1,{\"x\":2}],\"mirror\":true}",
      "{\"pod\":\"p\",\"labels\":null,\"headers\":{\"n\":5,\"b\":true},\"calls\":null}",
      "{\"pod\":\"p\",\"calls\":[{\"host\":\"h\",\"status\":\"503\",\"latencyMs\":1.5,\"more\":{}},"
          + "{\"path\":\"/x\",\"status\":200,\"latencyMs\":\"2\",\"error\":null}]}",
      "{\"pod\":7,\"path\":\"/a\",\"pod\":\"last\"}",
      "{\"service\":\"no pod\"}", "{\"x\": 1}", "{\"pod\":{\"a\":1}}", "{\"pod\":\"p\",\"labels\":[]}",
      "{\"pod\":\"p\",\"headers\":{\"a\":null}}", "{\"pod\":\"p\"", "{}", "{\"pod\":\"p\"} trailing"})
  void readsBodiesAsJacksonsDataBindingDid(String body) {
    assertThat(PodEcho.parse(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(boundByJackson(body));
  }
}
