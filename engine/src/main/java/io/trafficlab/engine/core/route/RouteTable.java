package io.trafficlab.engine.core.route;

import io.trafficlab.engine.core.ResponseFlag;
import io.trafficlab.engine.core.topology.HostNames;
import io.trafficlab.engine.core.topology.ServiceDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compiled routing of one configuration: gateway listeners with their virtual hosts, sidecar
 * virtual hosts per service port, and every cluster. Built once by the route compiler and never
 * changed; {@link #route} only reads it and is safe from any thread.
 */
public final class RouteTable {

  public static final RouteTable EMPTY = new RouteTable(Map.of(), List.of(), Map.of());

  /** The virtual hosts of one service, per service port, for sidecar (mesh) requests. */
  public record MeshService(ServiceDef service, Map<Integer, VirtualHost> byPort) {
    public MeshService {
      byPort = Map.copyOf(byPort);
    }
  }

  private final Map<Integer, GatewayPort> gateways = new HashMap<>();
  private final Map<String, MeshService> byDomain = new HashMap<>();
  private final Map<String, Map<String, MeshService>> shortNames = new HashMap<>();
  private final Map<String, Cluster> clusters;

  /**
   * @param gatewayHosts gateway port → its virtual hosts (domains unique per port)
   * @param mesh sidecar virtual hosts per service
   * @param clusters every cluster by name
   */
  public RouteTable(Map<Integer, List<VirtualHost>> gatewayHosts, List<MeshService> mesh,
      Map<String, Cluster> clusters) {
    gatewayHosts.forEach((port, hosts) -> gateways.put(port, new GatewayPort(port, hosts)));
    for (MeshService m : mesh) {
      ServiceDef s = m.service();
      byDomain.putIfAbsent(s.fqdn(), m);
      byDomain.putIfAbsent(s.name() + "." + s.namespace(), m);
      byDomain.putIfAbsent(s.name() + "." + s.namespace() + ".svc", m);
      shortNames.computeIfAbsent(s.namespace(), k -> new HashMap<>()).putIfAbsent(s.name(), m);
    }
    this.clusters = Map.copyOf(clusters);
  }

  /** Routes one request; {@code random} drives the weighted pick and mirror percentages. */
  public RouteDecision route(RequestView req, long random) {
    if (req.listener() instanceof Listener.Gateway g) {
      GatewayPort gp = gateways.get(g.port());
      if (gp == null) {
        return noRoute(g.toString(), "no Gateway server listens on port " + g.port(),
            "no listener (404 NR)");
      }
      VirtualHost vh = gp.find(host(req.authority()));
      if (vh == null) {
        return noRoute(g.toString(), "no virtual host for Host \"" + req.authority() + "\"",
            "no Gateway server host bound to a VirtualService matches the Host (404 NR)");
      }
      return vh.route(req, random);
    }
    Listener.Sidecar sidecar = (Listener.Sidecar) req.listener();
    String host = host(req.authority());
    MeshService ms;
    if (host.indexOf('.') < 0) {
      Map<String, MeshService> ns = shortNames.get(sidecar.namespace());
      ms = ns == null ? null : ns.get(host);
    } else {
      ms = byDomain.get(host);
    }
    if (ms == null) {
      return noRoute("sidecar " + sidecar.namespace(), "no virtual host for Host \""
          + req.authority() + "\"", "Envoy has no route: the host is not a service of the mesh"
          + " (short names resolve in the client's namespace " + sidecar.namespace() + ") (404 NR)");
    }
    int port = sidecar.port() > 0 ? sidecar.port() : portOf(req.authority());
    VirtualHost vh = port > 0 ? ms.byPort().get(port) : null;
    if (vh == null && port <= 0 && !ms.service().ports().isEmpty()) {
      vh = ms.byPort().get(ms.service().ports().get(0).number());
    }
    if (vh == null) {
      return noRoute("sidecar " + sidecar.namespace(), ms.service().fqdn() + ":" + port,
          "service " + ms.service().name() + " has no port " + port + " (404 NR)");
    }
    return vh.route(req, random);
  }

  /** Every cluster by Envoy name ({@code outbound|9080|v2|reviews.default.svc.cluster.local}). */
  public Map<String, Cluster> clusters() {
    return clusters;
  }

  public Optional<Cluster> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  /** The gateway ports that have at least one HTTP server. */
  public Set<Integer> gatewayPorts() {
    return new TreeSet<>(gateways.keySet());
  }

  /** The virtual hosts of a gateway port in precedence order (exact, longest suffix, {@code *}). */
  public List<VirtualHost> gatewayVirtualHosts(int port) {
    GatewayPort gp = gateways.get(port);
    return gp == null ? List.of() : gp.ordered;
  }

  private static RouteDecision noRoute(String listener, String vhost, String why) {
    return new RouteDecision.LocalReply(404, ResponseFlag.NR, "", Optional.empty(),
        new Explanation(listener, vhost, why));
  }

  /** The Host without port, lower-case (allocates only when it has to). */
  static String host(String authority) {
    return HostNames.stripPort(authority).toLowerCase(Locale.ROOT);
  }

  private static int portOf(String authority) {
    String host = HostNames.stripPort(authority);
    if (host.length() >= authority.length() - 1) {
      return 0;
    }
    try {
      return Integer.parseInt(authority.substring(host.length() + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Envoy's virtual-host selection for one port: exact, then longest {@code *.suffix}, then {@code *}. */
  private static final class GatewayPort {
    final Map<String, VirtualHost> exact = new HashMap<>();
    final List<VirtualHost> suffixes = new ArrayList<>();
    final List<VirtualHost> ordered;
    VirtualHost star;

    GatewayPort(int port, List<VirtualHost> hosts) {
      for (VirtualHost vh : hosts) {
        String d = vh.domain();
        if (d.equals("*")) {
          star = star == null ? vh : star;
        } else if (d.startsWith("*.")) {
          suffixes.add(vh);
        } else {
          exact.putIfAbsent(d, vh);
        }
      }
      suffixes.sort(Comparator.comparingInt((VirtualHost v) -> v.domain().length()).reversed());
      List<VirtualHost> o = new ArrayList<>(exact.values());
      o.sort(Comparator.comparing(VirtualHost::domain));
      o.addAll(suffixes);
      if (star != null) {
        o.add(star);
      }
      ordered = List.copyOf(o);
    }

    VirtualHost find(String host) {
      VirtualHost vh = exact.get(host);
      if (vh != null) {
        return vh;
      }
      for (VirtualHost s : suffixes) {
        String d = s.domain();
        // "*.example.com" matches "a.example.com" but not "example.com".
        if (host.length() > d.length() - 1 && host.endsWith(d.substring(1))) {
          return s;
        }
      }
      return star;
    }
  }
}
