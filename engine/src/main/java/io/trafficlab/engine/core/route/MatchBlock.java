package io.trafficlab.engine.core.route;

import java.util.List;

/**
 * One compiled {@code HTTPMatchRequest}: every condition must hold (AND). Proxy-selection fields
 * ({@code port}, {@code sourceLabels}, {@code sourceNamespace}, {@code gateways}) are not here; they
 * decide whether the block exists for a proxy at all (see {@link RouteEntry}).
 *
 * @param uri matched against the path without query; null = any
 * @param scheme null = any
 * @param method null = any
 * @param authority matched against the Host header as sent; null = any
 * @param headers header conditions, {@code withoutHeaders} included (inverted)
 * @param queryParams query parameter conditions
 */
public record MatchBlock(StringMatcher uri, StringMatcher scheme, StringMatcher method,
    StringMatcher authority, List<HeaderCondition> headers, List<QueryCondition> queryParams) {

  /** Matches every request (a rule without {@code match}). */
  public static final MatchBlock ANY = new MatchBlock(null, null, null, null, List.of(), List.of());

  public MatchBlock {
    headers = List.copyOf(headers);
    queryParams = List.copyOf(queryParams);
  }

  /**
   * A header condition. {@code invert} is {@code withoutHeaders}: a missing header counts as the
   * empty string before the result is inverted, so {@code exact: free} matches requests without the
   * header, and {@code {}} matches exactly when the header is absent.
   */
  public record HeaderCondition(String name, StringMatcher matcher, boolean invert) {
    boolean test(RequestView req) {
      String v = req.header(name);
      if (matcher.kind() == StringMatcher.Kind.PRESENT) {
        return (v != null) != invert;
      }
      if (v == null) {
        return invert && !matcher.matches("");
      }
      return matcher.matches(v) != invert;
    }
  }

  /** A query parameter condition; {@code {}} means present. Values are compared as written. */
  public record QueryCondition(String name, StringMatcher matcher) {
    boolean test(RequestView req) {
      String v = req.queryParam(name);
      return v != null && matcher.matches(v);
    }
  }

  boolean matches(RequestView req) {
    return matches(req, req.pathLength());
  }

  /** @param pathLength the length of the path before its query, computed once per request */
  boolean matches(RequestView req, int pathLength) {
    if (uri != null && !uri.matches(req.path(), pathLength)) {
      return false;
    }
    if (method != null && !method.matches(req.method())) {
      return false;
    }
    if (scheme != null && !scheme.matches(req.scheme())) {
      return false;
    }
    if (authority != null && !authority.matches(req.authority())) {
      return false;
    }
    for (int i = 0, n = headers.size(); i < n; i++) {
      if (!headers.get(i).test(req)) {
        return false;
      }
    }
    for (int i = 0, n = queryParams.size(); i < n; i++) {
      if (!queryParams.get(i).test(req)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Istio's catch-all test ({@code IsCatchAllRoute}): path prefix {@code /} (or no uri) and no
   * header or query condition. Scheme, method and authority are header matchers in Envoy, so they
   * count as conditions.
   */
  public boolean isCatchAll() {
    boolean anyPath = uri == null
        || (uri.kind() == StringMatcher.Kind.PREFIX && uri.value().equals("/"));
    return anyPath && scheme == null && method == null && authority == null && headers.isEmpty()
        && queryParams.isEmpty();
  }
}
