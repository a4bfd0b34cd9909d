package io.trafficlab.engine.core.route;

import io.trafficlab.engine.core.topology.HostNames;

/**
 * {@code redirect}: builds the {@code Location} from the request with the configured parts replaced
 * (Envoy {@code RedirectAction}). {@code uri} replaces the path and keeps the request's query unless
 * it carries its own; {@code authority} replaces the host; {@code port} (explicit, or the listener
 * port for {@code derivePort: FROM_REQUEST_PORT}) is written unless it is the scheme's default.
 * Without a port setting the request's Host port is kept unless the scheme changes.
 */
public final class RedirectAction implements RouteAction {

  /** How the port of the Location is chosen. */
  public enum PortMode { KEEP, EXPLICIT, PROTOCOL_DEFAULT }

  private final int status;
  private final String scheme;
  private final String authority;
  private final String uri;
  private final PortMode portMode;
  private final int port;
  private final Explanation explanation;

  /**
   * @param scheme null = the request's
   * @param authority null = the request's host
   * @param uri null = the request's path
   * @param port used with {@link PortMode#EXPLICIT}
   */
  public RedirectAction(int status, String scheme, String authority, String uri, PortMode portMode,
      int port, Explanation explanation) {
    this.status = status;
    this.scheme = scheme;
    this.authority = authority;
    this.uri = uri;
    this.portMode = portMode;
    this.port = port;
    this.explanation = explanation;
  }

  @Override
  public RouteDecision decide(RequestView req, long random) {
    return new RouteDecision.Redirect(status, location(req), explanation);
  }

  String location(RequestView req) {
    String finalScheme = scheme != null ? scheme : req.scheme();
    String host = authority != null ? HostNames.stripPort(authority) : HostNames.stripPort(req.authority());
    String hostPort = portOf(authority != null ? authority : req.authority());
    String portPart;
    switch (portMode) {
      case EXPLICIT:
        portPart = isDefault(finalScheme, port) ? "" : ":" + port;
        break;
      case PROTOCOL_DEFAULT:
        portPart = "";
        break;
      default:
        portPart = hostPort == null || !finalScheme.equals(req.scheme()) ? "" : ":" + hostPort;
    }
    String path;
    if (uri == null) {
      path = req.path();
    } else {
      int q = req.path().indexOf('?');
      path = uri.indexOf('?') >= 0 || q < 0 ? uri : uri + req.path().substring(q);
    }
    return finalScheme + "://" + host + portPart + path;
  }

  private static boolean isDefault(String scheme, int port) {
    return (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
  }

  private static String portOf(String authority) {
    String host = HostNames.stripPort(authority);
    return host.length() < authority.length() ? authority.substring(host.length() + 1) : null;
  }
}
