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
    for (RouteEntry e : routes) {
      if (e.admits(l) && e.match().matches(req)) {
        return e.action().decide(req, random);
      }
    }
    return noRoute;
  }
}
