package io.trafficlab.engine.sim.traffic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the synthetic client got back.
 *
 * @param status the HTTP status, 0 when no response arrived ({@code error} says why)
 * @param headers response headers, lower-case names, repeated ones joined with {@code ","}
 * @param body the first 1 KiB of the body as UTF-8
 * @param latencyMs simulated milliseconds from sending to the full response
 * @param error null, or why there is no response (connection refused, reset, TLS failure)
 */
public record RawResponse(int status, Map<String, String> headers, String body, double latencyMs,
    String error) {
  /** Bytes of the body kept. */
  public static final int BODY_LIMIT = 1024;

  public RawResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public boolean isError() {
    return error != null;
  }
}
