package io.trafficlab.engine.sim.pods;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

  /**
   * The echo in a pod's response body, or empty when the body is not one (a local reply). Read
   * with the streaming parser, as Jackson's data binding would read it (unknown fields ignored,
   * scalars read as text where text is expected), without its per-call reflection.
   */
  public static Optional<PodEcho> parse(byte[] body) {
    if (body.length == 0 || body[0] != '{') {
      return Optional.empty();
    }
    try (JsonParser p = JSON.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      String pod = null;
      String service = null;
      String namespace = null;
      String method = null;
      String path = null;
      String authority = null;
      Map<String, String> labels = null;
      Map<String, String> headers = null;
      List<CallRecord> calls = null;
      boolean mirror = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "pod" -> pod = text(p, t);
          case "service" -> service = text(p, t);
          case "namespace" -> namespace = text(p, t);
          case "method" -> method = text(p, t);
          case "path" -> path = text(p, t);
          case "authority" -> authority = text(p, t);
          case "labels" -> labels = textMap(p, t);
          case "headers" -> headers = textMap(p, t);
          case "calls" -> calls = calls(p, t);
          case "mirror" -> mirror = t == JsonToken.VALUE_TRUE || (t == JsonToken.VALUE_STRING
              && Boolean.parseBoolean(p.getText().trim()));
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || pod == null) {
        return Optional.empty();
      }
      return Optional.of(new PodEcho(pod, service, namespace, labels, method, path, authority,
          headers, calls, mirror));
    } catch (IOException | RuntimeException notAnEcho) {
      return Optional.empty();
    }
  }

  private static String text(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!t.isScalarValue()) {
      throw new JsonParseException(p, "not text");
    }
    return p.getText();
  }

  private static Map<String, String> textMap(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw new JsonParseException(p, "not an object");
    }
    Map<String, String> m = new java.util.LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      m.put(k, text(p, p.nextToken()));
    }
    return m;
  }

  private static List<CallRecord> calls(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_ARRAY) {
      throw new JsonParseException(p, "not an array");
    }
    List<CallRecord> out = new java.util.ArrayList<>();
    JsonToken e;
    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
      if (e != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, "not an object");
      }
      String host = null;
      String path = null;
      String error = null;
      int status = 0;
      double latency = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "host" -> host = text(p, v);
          case "path" -> path = text(p, v);
          case "error" -> error = text(p, v);
          case "status" -> status = v == JsonToken.VALUE_NULL ? 0 : v == JsonToken.VALUE_STRING
              ? Integer.parseInt(p.getText().trim()) : p.getIntValue();
          case "latencyMs" -> latency = v == JsonToken.VALUE_NULL ? 0 : v == JsonToken.VALUE_STRING
              ? Double.parseDouble(p.getText().trim()) : p.getDoubleValue();
          default -> p.skipChildren();
        }
      }
      out.add(new CallRecord(host, path, status, latency, error));
    }
    return out;
  }

  /** The observation's upstream part; {@code subset} is what the route chose (nullable). */
  public Observation.Upstream toUpstream(String subset) {
    return new Observation.Upstream(service, namespace, subset, pod, labels, path, authority,
        headers);
  }
}
