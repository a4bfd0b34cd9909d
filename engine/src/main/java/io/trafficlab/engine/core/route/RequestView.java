package io.trafficlab.engine.core.route;

import io.trafficlab.engine.core.lb.HashInput;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of a downstream HTTP request that routing reads. Built by the data plane (or a test) per
 * request; routing never mutates it.
 *
 * @param listener where the request arrived
 * @param scheme {@code http} or {@code https}
 * @param method {@code GET}, ...
 * @param authority the Host header as sent (may carry {@code :port})
 * @param path the request target, with its query string
 * @param headers lower-case names to values in arrival order (multi-valued allowed); the map is
 *     copied, the value lists are not
 * @param sourceAddress the downstream address, for source-IP consistent hashing (may be null)
 * @param tls whether the request arrived over TLS
 */
public record RequestView(Listener listener, String scheme, String method, String authority,
    String path, Map<String, List<String>> headers, String sourceAddress, boolean tls)
    implements HashInput {

  public RequestView {
    Objects.requireNonNull(listener, "listener");
    scheme = scheme == null ? (tls ? "https" : "http") : scheme;
    method = method == null ? "GET" : method;
    authority = authority == null ? "" : authority;
    path = path == null || path.isEmpty() ? "/" : path;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** A plain GET with no headers. */
  public static RequestView get(Listener listener, String authority, String path) {
    return new RequestView(listener, null, "GET", authority, path, Map.of(), null, false);
  }

  /** A copy with single-valued headers (names are lower-cased). */
  public RequestView withHeaders(Map<String, String> single) {
    java.util.Map<String, List<String>> m = new java.util.LinkedHashMap<>(headers);
    single.forEach((k, v) -> m.put(k.toLowerCase(java.util.Locale.ROOT), List.of(v)));
    return new RequestView(listener, scheme, method, authority, path, m, sourceAddress, tls);
  }

  /** The path without its query string. */
  public String pathOnly() {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  /** Length of the path part (before {@code ?}), without allocating. */
  int pathLength() {
    int q = path.indexOf('?');
    return q < 0 ? path.length() : q;
  }

  /** All values of a header joined with {@code ","} (Envoy's view of a repeated header), or null. */
  @Override
  public String header(String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(",", values);
  }

  @Override
  public String cookie(String name) {
    List<String> values = headers.get("cookie");
    if (values == null) {
      return null;
    }
    for (String line : values) {
      for (String part : line.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
          return part.substring(eq + 1).trim();
        }
      }
    }
    return null;
  }

  /** The first value of a query parameter as written (not URL-decoded); "" for {@code ?a}. */
  @Override
  public String queryParam(String name) {
    int q = path.indexOf('?');
    if (q < 0) {
      return null;
    }
    int i = q + 1;
    int end = path.indexOf('#', i);
    end = end < 0 ? path.length() : end;
    while (i <= end) {
      int amp = path.indexOf('&', i);
      if (amp < 0 || amp > end) {
        amp = end;
      }
      int eq = path.indexOf('=', i);
      int keyEnd = eq < 0 || eq > amp ? amp : eq;
      if (keyEnd - i == name.length() && path.startsWith(name, i)) {
        return keyEnd == amp ? "" : path.substring(keyEnd + 1, amp);
      }
      i = amp + 1;
    }
    return null;
  }
}
