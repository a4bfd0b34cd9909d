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
  /** Envoy-style domains: every service name form, with and without {@code :port}. */
  private final Map<String, DomainHit> byDomain = new HashMap<>();
  private final Map<String, Map<String, DomainHit>> shortNames = new HashMap<>();

  /** A domain's service and the port the domain names (0 = none). */
  private record DomainHit(MeshService service, int port) {}
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
      Map<String, DomainHit> shorts = shortNames.computeIfAbsent(s.namespace(), k -> new HashMap<>());
      for (String d : List.of(s.fqdn(), s.name() + "." + s.namespace(),
          s.name() + "." + s.namespace() + ".svc")) {
        byDomain.putIfAbsent(d, new DomainHit(m, 0));
        s.ports().forEach(p -> byDomain.putIfAbsent(d + ":" + p.number(), new DomainHit(m, p.number())));
      }
      shorts.putIfAbsent(s.name(), new DomainHit(m, 0));
      s.ports().forEach(p -> shorts.putIfAbsent(s.name() + ":" + p.number(),
          new DomainHit(m, p.number())));
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
    DomainHit hit = meshDomain(req.authority(), sidecar.namespace());
    if (hit == null) {
      // Not a known domain as written: try again without port and in lower case.
      String host = host(req.authority());
      hit = meshDomain(host, sidecar.namespace());
      if (hit != null && host.length() < req.authority().length()) {
        hit = new DomainHit(hit.service(), portOf(req.authority()));
      }
    }
    if (hit == null) {
      return noRoute("sidecar " + sidecar.namespace(), "no virtual host for Host \""
          + req.authority() + "\"", "Envoy has no route: the host is not a service of the mesh"
          + " (short names resolve in the client's namespace " + sidecar.namespace() + ") (404 NR)");
    }
    MeshService ms = hit.service();
    int port = sidecar.port() > 0 ? sidecar.port() : hit.port();
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

  private DomainHit meshDomain(String host, String clientNamespace) {
    if (host.indexOf('.') < 0) {
      Map<String, DomainHit> ns = shortNames.get(clientNamespace);
      return ns == null ? null : ns.get(host);
    }
    return byDomain.get(host);
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
    boolean plain = true;
    for (int i = 0, n = authority.length(); i < n && plain; i++) {
      char c = authority.charAt(i);
      plain = c != ':' && c != '[' && (c < 'A' || c > 'Z');
    }
    return plain ? authority : HostNames.stripPort(authority).toLowerCase(Locale.ROOT);
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
    /** {@code .example.com} for {@code *.example.com}, parallel to {@link #suffixes}. */
    String[] suffixStrings;
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
      suffixStrings = suffixes.stream().map(v -> v.domain().substring(1)).toArray(String[]::new);
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
      for (int i = 0; i < suffixStrings.length; i++) {
        String suffix = suffixStrings[i];
        // "*.example.com" matches "a.example.com" but not "example.com".
        if (host.length() > suffix.length() && host.endsWith(suffix)) {
          return suffixes.get(i);
        }
      }
      return star;
    }
  }
}
