package io.trafficlab.engine.sim.traffic;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request the synthetic client sends to a data-plane listener.
 *
 * @param target the listener's address (gateway port or sidecar)
 * @param path the request target, may carry a query
 * @param host the Host header; with {@code tls} also the SNI name
 * @param headers extra headers in order (a {@code host} entry here is ignored)
 * @param tls whether to speak TLS ({@code scheme: https})
 */
public record TrafficRequest(InetSocketAddress target, String method, String path, String host,
    Map<String, String> headers, boolean tls) {

  public TrafficRequest {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(host, "host");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static TrafficRequest get(InetSocketAddress target, String host, String path) {
    return new TrafficRequest(target, "GET", path, host, Map.of(), false);
  }

  public TrafficRequest withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new TrafficRequest(target, method, path, host, h, tls);
  }

  public TrafficRequest withTls(boolean useTls) {
    return new TrafficRequest(target, method, path, host, headers, useTls);
  }

  public TrafficRequest withMethod(String newMethod) {
    return new TrafficRequest(target, newMethod, path, host, headers, tls);
  }
}
