package io.trafficlab.engine.sim.pods;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trafficlab.engine.cases.Observation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON body a synthetic pod answers with: who it is and the request as it saw it. The data
 * plane turns it into {@link Observation.Upstream}.
 *
 * @param path the request target including the query
 * @param headers every request header, lower-case names, repeated ones joined with {@code ","}
 * @param calls the calls the pod made before answering, in order
 * @param mirror whether the request carried the mirror marker header
 */
public record PodEcho(String pod, String service, String namespace, Map<String, String> labels,
    String method, String path, String authority, Map<String, String> headers,
    List<CallRecord> calls, boolean mirror) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public PodEcho {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    calls = calls == null ? List.of() : List.copyOf(calls);
  }

  /**
   * One call: status 0 and an {@code error} when the call did not get a response.
   *
   * @param latencyMs simulated milliseconds the call took
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CallRecord(String host, String path, int status, double latencyMs, String error) {}

  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The echo in a pod's response body, or empty when the body is not one (a local reply). */
  public static Optional<PodEcho> parse(byte[] body) {
    if (body.length == 0 || body[0] != '{') {
      return Optional.empty();
    }
    try {
      PodEcho echo = JSON.readValue(body, PodEcho.class);
      return echo.pod() == null ? Optional.empty() : Optional.of(echo);
    } catch (IOException | RuntimeException notAnEcho) {
      return Optional.empty();
    }
  }

  /** The observation's upstream part; {@code subset} is what the route chose (nullable). */
  public Observation.Upstream toUpstream(String subset) {
    return new Observation.Upstream(service, namespace, subset, pod, labels, path, authority,
        headers);
  }
}
