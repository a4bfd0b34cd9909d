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
      drain(ctx);
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

  /**
   * Reads and discards a body that is refused for its size, so that the connection stays usable and
   * the client reliably reads the 413: a server that closes a connection with unread bytes makes the
   * kernel reset it, and the reset can destroy the answer before the client reads it. Bodies over
   * {@link #MAX_DRAIN} were refused before any handler ran; a client that asked
   * {@code Expect: 100-continue} has not sent its body and is not asked for it.
   */
  private static void drain(Context ctx) {
    String expect = ctx.header("Expect");
    if (ctx.contentLength() > MAX_DRAIN || (expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue"))) {
      return;
    }
    try (java.io.InputStream in = ctx.req().getInputStream()) {
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      for (int n; total <= MAX_DRAIN && (n = in.read(buf)) > 0; ) {
        total += n;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // the client went away or Jetty refused the body itself: the 413 is all that is left to say
    }
  }

  /** The largest refused body read to its end (the app refuses larger ones before any handler). */
  static final long MAX_DRAIN = 8L * 1024 * 1024;

  private static byte[] fromJson(byte[] body) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new ApiException(400, "bad_json", "The JSON is nested too deeply or has a value that is too large"
          + " (at most " + com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_DEPTH
          + " levels); send {\"yaml\": \"...\"} with the YAML as one string.");
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
