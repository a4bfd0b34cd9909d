package io.trafficlab.engine.config.compile;

import io.trafficlab.engine.config.delegation.Delegation;
import io.trafficlab.engine.config.delegation.Gateways;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.core.route.RouteEntry;
import io.trafficlab.engine.core.route.RouteTable;
import io.trafficlab.engine.core.route.VirtualHost;
import io.trafficlab.engine.core.topology.GatewayWorkload;
import io.trafficlab.engine.core.topology.HostNames;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compiles validated Istio config and a topology into the immutable {@link RouteTable}
 * (istio-semantics §3–§7).
 *
 * <p>Gateways ({@code gateway.go} buildGatewayHTTPRouteConfig): the port selects the servers of
 * Gateways whose selector matches a gateway workload; each VirtualService bound to a server's
 * Gateway contributes virtual hosts for the intersection of the server's hosts (namespace-filtered)
 * and its own hosts; routes of several VirtualServices for one host are appended and catch-alls
 * moved to the end; {@code httpsRedirect} marks the server's hosts TLS-only.
 *
 * <p>Sidecars ({@code BuildSidecarVirtualHostWrapper}): one virtual host per service port; a mesh
 * VirtualService covering the service replaces the default route.
 *
 * <p>Delegation ({@code mergeVirtualServicesIfNeeded}): a VirtualService without hosts adds no
 * virtual host of its own; its rules are routed where a root's {@code delegate} merges them in.
 */
public final class RouteCompiler {
  static final String MESH = Gateways.MESH;
  private static final Set<String> HTTP_PROTOCOLS = Set.of("HTTP", "HTTPS", "HTTP2", "GRPC", "GRPC-WEB");

  private RouteCompiler() {}

  /** Compiles once; the result is immutable and shared by every request. */
  public static RouteTable compile(ConfigSet config, Topology topology) {
    ClusterTable clusters = new ClusterTable(config, topology);
    HttpRouteCompiler routes = new HttpRouteCompiler(topology, clusters, new Delegation(config));
    return new RouteTable(gateways(config, topology, routes), mesh(config, topology, routes),
        clusters.all());
  }

  static List<String> boundGateways(Resource vs) {
    List<String> names = YamlReads.strings(vs.spec(), "gateways");
    if (names.isEmpty()) {
      return List.of(MESH);
    }
    return names.stream().map(n -> Gateways.resolve(n, vs.namespace())).toList();
  }

  private record Server(String gatewayName, String gatewayNamespace, GatewayWorkload workload,
      int port, List<String> hosts, boolean httpsRedirect) {}

  private static Map<Integer, List<VirtualHost>> gateways(ConfigSet config, Topology topology,
      HttpRouteCompiler routes) {
    Map<Integer, List<Server>> byPort = new TreeMap<>();
    for (Resource gw : config.gateways()) {
      Map<String, String> selector = YamlReads.stringMap(gw.spec(), "selector");
      GatewayWorkload workload = topology.gateways().stream()
          .filter(w -> selector.entrySet().stream()
              .allMatch(e -> e.getValue().equals(w.labels().get(e.getKey()))))
          .findFirst().orElse(null);
      if (workload == null) {
        continue; // the selector matches no gateway pod: the Gateway has no effect
      }
      for (YamlMap server : YamlReads.maps(gw.spec(), "servers")) {
        YamlMap port = YamlReads.map(server, "port").orElse(null);
        String protocol = YamlReads.string(port, "protocol").orElse("").toUpperCase(Locale.ROOT);
        String tlsMode = YamlReads.map(server, "tls").flatMap(t -> t.string("mode")).orElse("");
        if (!HTTP_PROTOCOLS.contains(protocol) || tlsMode.contains("PASSTHROUGH")
            || YamlReads.lenientInteger(port, "number").isEmpty()) {
          continue;
        }
        int number = YamlReads.lenientInteger(port, "number").get().intValue();
        boolean redirect = YamlReads.map(server, "tls").map(t -> YamlReads.isTrue(t, "httpsRedirect")).orElse(false);
        byPort.computeIfAbsent(number, k -> new ArrayList<>()).add(new Server(
            gw.namespace() + "/" + gw.name(), gw.namespace(), workload, number,
            YamlReads.strings(server, "hosts"), redirect));
      }
    }
    Map<Integer, List<VirtualHost>> out = new TreeMap<>();
    byPort.forEach((port, servers) -> out.put(port, gatewayPort(port, servers, config, routes)));
    return out;
  }

  private static final class VhostBuilder {
    final List<RouteEntry> routes = new ArrayList<>();
    boolean requireTls;
  }

  private static List<VirtualHost> gatewayPort(int port, List<Server> servers, ConfigSet config,
      HttpRouteCompiler routes) {
    String listener = "gateway:" + port;
    Map<String, VhostBuilder> vhosts = new LinkedHashMap<>();
    for (Server server : servers) {
      for (Resource vs : config.virtualServices()) {
        if (!boundGateways(vs).contains(server.gatewayName())) {
          continue;
        }
        Set<String> hosts = intersect(serverHostsFor(server, vs.namespace()), vsHosts(vs));
        for (String host : hosts) {
          HttpRouteCompiler.Context ctx = new HttpRouteCompiler.Context(listener, host, port, false,
              server.gatewayName(), server.workload().labels(), server.workload().namespace());
          VhostBuilder vb = vhosts.computeIfAbsent(host, h -> new VhostBuilder());
          vb.routes.addAll(routes.compile(vs, ctx));
          vb.requireTls |= server.httpsRedirect();
        }
      }
      if (server.httpsRedirect()) {
        for (String h : server.hosts()) {
          vhosts.computeIfAbsent(stripNamespace(h), k -> new VhostBuilder()).requireTls = true;
        }
      }
    }
    List<VirtualHost> out = new ArrayList<>();
    if (vhosts.isEmpty()) {
      out.add(new VirtualHost("*", listener,
          "* (no VirtualService is bound to a Gateway server on this port)", List.of(), false));
      return out;
    }
    vhosts.forEach((host, vb) -> {
      // SortVHostRoutes: catch-alls move to the end, other routes keep their order.
      List<RouteEntry> sorted = new ArrayList<>();
      vb.routes.stream().filter(e -> !e.isCatchAll()).forEach(sorted::add);
      vb.routes.stream().filter(RouteEntry::isCatchAll).forEach(sorted::add);
      out.add(new VirtualHost(host, listener, host, sorted, vb.requireTls));
    });
    return out;
  }

  /** The server's hosts visible to a VirtualService namespace, namespace part stripped. */
  private static List<String> serverHostsFor(Server server, String vsNamespace) {
    List<String> out = new ArrayList<>();
    for (String h : server.hosts()) {
      int slash = h.indexOf('/');
      if (slash >= 0) {
        String ns = h.substring(0, slash);
        if (ns.equals(".")) {
          ns = server.gatewayNamespace();
        }
        if (!ns.equals("*") && !ns.equals(vsNamespace)) {
          continue;
        }
      }
      out.add(stripNamespace(h));
    }
    return out;
  }

  private static String stripNamespace(String h) {
    return h.substring(h.indexOf('/') + 1).toLowerCase(Locale.ROOT);
  }

  private static List<String> vsHosts(Resource vs) {
    return YamlReads.strings(vs.spec(), "hosts").stream()
        .map(h -> HostNames.resolve(h, vs.namespace())).toList();
  }

  private static Set<String> intersect(List<String> serverHosts, List<String> vsHosts) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : serverHosts) {
      for (String v : vsHosts) {
        String i = HostNames.intersection(s, v);
        if (i != null) {
          out.add(i);
        }
      }
    }
    return out;
  }

  private static List<RouteTable.MeshService> mesh(ConfigSet config, Topology topology,
      HttpRouteCompiler routes) {
    List<Resource> meshVs = config.virtualServices().stream()
        .filter(vs -> boundGateways(vs).contains(MESH)).toList();
    List<RouteTable.MeshService> out = new ArrayList<>();
    for (ServiceDef service : topology.services()) {
      Resource vs = virtualServiceFor(meshVs, service.fqdn());
      Map<Integer, VirtualHost> byPort = new LinkedHashMap<>();
      for (ServicePort p : service.ports()) {
        String label = service.fqdn() + ":" + p.number();
        String listener = "sidecar :" + p.number();
        HttpRouteCompiler.Context ctx = new HttpRouteCompiler.Context(listener, label, p.number(),
            true, null, Map.of(), null);
        List<RouteEntry> entries = vs == null
            ? List.of(routes.defaultRoute(service, p.number(), ctx))
            : routes.compile(vs, ctx);
        byPort.put(p.number(), new VirtualHost(service.fqdn(), listener, label, entries, false));
      }
      out.add(new RouteTable.MeshService(service, byPort));
    }
    return out;
  }

  /**
   * The mesh VirtualService for a service host: an exact host beats a wildcard, a longer wildcard a
   * shorter one; among equals the first wins (two would be IST0109).
   */
  private static Resource virtualServiceFor(List<Resource> meshVs, String fqdn) {
    Resource best = null;
    int bestScore = -1;
    for (Resource vs : meshVs) {
      for (String h : vsHosts(vs)) {
        int score;
        if (h.equals(fqdn)) {
          score = Integer.MAX_VALUE;
        } else if (!h.equals("*") && HostNames.isWildcard(h) && HostNames.matches(h, fqdn)) {
          score = h.length();
        } else {
          continue;
        }
        if (score > bestScore) {
          best = vs;
          bestScore = score;
        }
      }
    }
    return best;
  }
}
