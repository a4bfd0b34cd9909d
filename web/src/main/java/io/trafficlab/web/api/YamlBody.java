package io.trafficlab.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the YAML a client sent: either the body itself ({@code application/yaml}, {@code text/yaml},
 * {@code text/plain}, ...) or {@code {"yaml": "..."}} as {@code application/json}. The size is checked
 * before anything is parsed (DESIGN §8).
 */
final class YamlBody {
  static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml",
      "text/x-yaml", "text/plain");
  private static final ObjectMapper JSON = new ObjectMapper();

  private YamlBody() {}

  static byte[] read(Context ctx, int maxBytes) {
    String ct = ctx.contentType();
    String type = ct == null ? "" : ct.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    boolean json = type.equals("application/json");
    if (!json && !YAML_TYPES.contains(type)) {
      throw new ApiException(415, "unsupported_media_type", (type.isEmpty() ? "No Content-Type was sent"
          : "Content-Type " + type + " is not accepted") + "; send the YAML as the body with "
          + "'Content-Type: application/yaml', or {\"yaml\": \"...\"} as application/json.");
    }
    // JSON escaping can grow text; allow for it here and check the YAML itself below.
    int rawLimit = json ? maxBytes * 4 : maxBytes;
    if (ctx.contentLength() > rawLimit) {
      throw tooLarge(maxBytes, ctx.contentLength());
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > rawLimit) {
      throw tooLarge(maxBytes, body.length);
    }
    if (json) {
      body = fromJson(body);
      if (body.length > maxBytes) {
        throw tooLarge(maxBytes, body.length);
      }
    }
    if (body.length == 0) {
      throw new ApiException(400, "empty_body", "The request body is empty; send the YAML to check.");
    }
    return body;
  }

  private static byte[] fromJson(byte[] body) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new ApiException(400, "bad_json", "The body is not valid JSON" + where + ".");
    } catch (java.io.IOException e) {
      throw new ApiException(400, "bad_json", "The body could not be read as JSON.");
    }
    if (n == null || !n.isObject() || !n.path("yaml").isTextual()) {
      throw new ApiException(400, "bad_json", "Expected a JSON object {\"yaml\": \"...\"} with the YAML as a string.");
    }
    return n.get("yaml").asText().getBytes(StandardCharsets.UTF_8);
  }

  private static ApiException tooLarge(int max, long got) {
    return new ApiException(413, "too_large", "The YAML is " + got + " bytes; at most " + max
        + " bytes (" + max / 1024 + " KiB) are accepted.");
  }
}
