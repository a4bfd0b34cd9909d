package io.trafficlab.engine.core.route;

import io.trafficlab.engine.core.ResponseFlag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An Envoy virtual host: one domain (exact, {@code *.suffix} or {@code *}) with its ordered routes.
 * {@code requireTls} is a Gateway server's {@code httpsRedirect}: plain-HTTP requests get a 301 to
 * {@code https://} before any route is looked at.
 */
public final class VirtualHost {
  private final String domain;
  private final String listener;
  private final RouteEntry[] routes;
  /**
   * Per route, the first up to 8 characters every matching path starts with, packed one byte per
   * character ({@link #pack}), and the mask of the bytes that count (0 = no literal known). A route
   * whose packed literal differs from the request's packed path cannot match, so the linear scan
   * (first match wins, as in Envoy) skips it with one comparison instead of running its matchers.
   */
  private final long[] literalMask;
  private final long[] literal;
  private final boolean requireTls;
  private final RouteDecision.LocalReply noRoute;
  private final Explanation tlsRedirect;

  /**
   * @param domain lower-case; the Host a request must carry (port ignored)
   * @param listener how explanations name the listener ({@code gateway:80})
   * @param label how explanations name this virtual host
   */
  public VirtualHost(String domain, String listener, String label, List<RouteEntry> routes,
      boolean requireTls) {
    this.domain = Objects.requireNonNull(domain, "domain");
    this.listener = listener;
    this.routes = routes.toArray(new RouteEntry[0]);
    this.requireTls = requireTls;
    this.literalMask = new long[this.routes.length];
    this.literal = new long[this.routes.length];
    for (int i = 0; i < this.routes.length; i++) {
      StringMatcher uri = this.routes[i].match().uri();
      String prefix = uri == null ? "" : uri.requiredPrefix();
      int n = Math.min(8, prefix.length());
      boolean latin1 = prefix.chars().limit(n).allMatch(c -> c <= 0xFF);
      if (n > 0 && latin1) {
        literalMask[i] = n == 8 ? -1L : (1L << (8 * n)) - 1;
        literal[i] = pack(prefix, n);
      }
    }
    this.noRoute = new RouteDecision.LocalReply(404, ResponseFlag.NR, "", Optional.empty(),
        new Explanation(listener, label, routes.isEmpty()
            ? "no routes on this virtual host (404 NR)"
            : "no rule matched the request (404 NR)"));
    this.tlsRedirect = new Explanation(listener, label,
        "Gateway server tls.httpsRedirect: plain HTTP is redirected to https (301)");
  }

  public String domain() {
    return domain;
  }

  public String listener() {
    return listener;
  }

  public List<RouteEntry> routes() {
    return List.of(routes);
  }

  public boolean requireTls() {
    return requireTls;
  }

  RouteDecision route(RequestView req, long random) {
    if (requireTls && !req.tls()) {
      return new RouteDecision.Redirect(301, "https://" + req.authority() + req.path(), tlsRedirect);
    }
    Listener l = req.listener();
    String path = req.path();
    int pathLength = req.pathLength();
    long packed = pack(path, Math.min(8, pathLength));
    for (int i = 0; i < routes.length; i++) {
      if ((packed & literalMask[i]) != literal[i]) {
        continue;
      }
      RouteEntry e = routes[i];
      if (e.admits(l) && e.match().matches(req, pathLength)) {
        return e.action().decide(req, random);
      }
    }
    return noRoute;
  }

  /**
   * The low bytes of the first {@code n} characters, first character in the lowest byte; missing
   * characters are 0. Only the low byte of a non-Latin-1 request character is kept: that can make
   * two different characters look equal (the full matcher then decides) but never the reverse.
   */
  static long pack(String s, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) (s.charAt(i) & 0xFF) << (8 * i);
    }
    return v;
  }
}
