package io.trafficlab.engine.sim.pods;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trafficlab.engine.cases.Observation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

  /**
   * The echo as UTF-8 JSON, byte for byte what Jackson writes for this record (fields in component
   * order, a call's null {@code error} left out), built directly: every pod answer makes one.
   */
  public byte[] toJson() {
    StringBuilder sb = new StringBuilder(256 + 48 * headers.size());
    sb.append('{');
    field(sb, "pod", pod).append(',');
    field(sb, "service", service).append(',');
    field(sb, "namespace", namespace).append(',');
    map(string(sb, "labels").append(':'), labels).append(',');
    field(sb, "method", method).append(',');
    field(sb, "path", path).append(',');
    field(sb, "authority", authority).append(',');
    map(string(sb, "headers").append(':'), headers).append(',');
    string(sb, "calls").append(":[");
    for (int i = 0; i < calls.size(); i++) {
      CallRecord c = calls.get(i);
      sb.append(i == 0 ? "{" : ",{");
      field(sb, "host", c.host()).append(',');
      field(sb, "path", c.path()).append(',');
      string(sb, "status").append(':').append(c.status()).append(',');
      string(sb, "latencyMs").append(':');
      if (Double.isFinite(c.latencyMs())) {
        sb.append(c.latencyMs());
      } else {
        string(sb, Double.toString(c.latencyMs())); // as Jackson quotes non-numeric numbers
      }
      if (c.error() != null) {
        field(sb.append(','), "error", c.error());
      }
      sb.append('}');
    }
    sb.append("],");
    string(sb, "mirror").append(':').append(mirror).append('}');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static StringBuilder field(StringBuilder sb, String name, String value) {
    string(sb, name).append(':');
    return value == null ? sb.append("null") : string(sb, value);
  }

  private static StringBuilder map(StringBuilder sb, Map<String, String> m) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : m.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      field(sb, e.getKey(), e.getValue());
    }
    return sb.append('}');
  }

  /** A JSON string escaped as Jackson does by default: quote, backslash and control characters. */
  private static StringBuilder string(StringBuilder sb, String s) {
    sb.append('"');
    int n = s.length();
    int from = 0;
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (ch >= 0x20 && ch != '"' && ch != '\\') {
        continue;
      }
      sb.append(s, from, i);
      from = i + 1;
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\f' -> sb.append("\\f");
        case '\r' -> sb.append("\\r");
        default -> sb.append("\\u00").append(HEX[ch >> 4]).append(HEX[ch & 0xF]);
      }
    }
    return sb.append(s, from, n).append('"');
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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
