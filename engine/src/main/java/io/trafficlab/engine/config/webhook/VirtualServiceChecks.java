package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.core.topology.HostNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Istio's {@code ValidateVirtualService} (semantics §5): hosts, gateways, then every http, tls and
 * tcp route. The unreachable-rule warnings Istio also emits here are left to the analysis layer
 * (IST0130/IST0131), which reports them with their analyzer codes.
 */
final class VirtualServiceChecks {
  private final Findings f;
  private final CommonChecks common;

  VirtualServiceChecks(Findings f) {
    this.f = f;
    this.common = new CommonChecks(f);
  }

  void check(Resource r) {
    YamlMap spec = r.spec();
    List<YamlScalar> hosts = YamlReads.scalars(spec, "hosts");
    List<YamlScalar> gateways = YamlReads.scalars(spec, "gateways");
    boolean delegate = YamlReads.list(spec, "hosts").isEmpty();
    if (delegate) {
      String hint = "a VirtualService without hosts is a delegate, used from another VirtualService's "
          + "http[].delegate; add hosts if it should route on its own";
      if (!YamlReads.list(spec, "gateways").isEmpty()) {
        f.key(spec, "gateways", DiagnosticCode.TL2201, hint, "gateways");
      }
      if (!YamlReads.list(spec, "tls").isEmpty()) {
        f.key(spec, "tls", DiagnosticCode.TL2201, hint, "tls route");
      }
      if (!YamlReads.list(spec, "tcp").isEmpty()) {
        f.key(spec, "tcp", DiagnosticCode.TL2201, hint, "tcp route");
      }
    }
    boolean appliesToGateway = false;
    if (!gateways.isEmpty()) {
      common.gatewayNames(spec, "gateways");
      appliesToGateway = gateways.stream().noneMatch(g -> g.value().equals("mesh"));
    }
    boolean appliesToMesh = !appliesToGateway;
    if (!appliesToGateway) {
      jwtClaimRoutes(spec, gateways);
    }
    boolean sni = sniMatches(spec);
    boolean allHostsValid = true;
    for (YamlScalar h : hosts) {
      String host = h.value();
      Optional<String> reason = (appliesToGateway && sni && host.startsWith("outbound_"))
          ? Optional.empty() : HostRules.wildcardDomain(host);
      if (reason.isPresent()) {
        if (!HostRules.isIp(host)) {
          f.at(h, DiagnosticCode.TL2019,
              "a host is a service name (reviews), a DNS name (reviews.default.svc.cluster.local, "
                  + "bookinfo.example.com) or a wildcard (*.example.com)", q(host), reason.get());
          allHostsValid = false;
        }
      } else if (appliesToMesh && host.equals("*")) {
        f.at(h, DiagnosticCode.TL2207, gateways.isEmpty()
            ? "without gateways the VirtualService is bound to the mesh; list the service names it "
                + "routes for, or bind it to a Gateway with gateways: [my-gateway]"
            : "remove mesh from gateways, or list the service names instead of \"*\"");
        allHostsValid = false;
      }
    }
    if (allHostsValid) {
      for (int i = 0; i < hosts.size(); i++) {
        for (int j = i + 1; j < hosts.size(); j++) {
          String a = hosts.get(i).value();
          String b = hosts.get(j).value();
          if (HostNames.intersection(a, b) != null) {
            f.at(hosts.get(j), DiagnosticCode.TL2208,
                "remove one of them: " + q(a) + " already covers " + q(b) + " (or the other way round)",
                a, b);
          }
        }
      }
    }
    if (YamlReads.list(spec, "http").isEmpty() && YamlReads.list(spec, "tcp").isEmpty()
        && YamlReads.list(spec, "tls").isEmpty()) {
      f.key(spec, "http", DiagnosticCode.TL2209,
          "add http: [{route: [{destination: {host: reviews}}]}]");
    }
    HttpRouteChecks http = new HttpRouteChecks(f, delegate);
    for (YamlNode n : YamlReads.list(spec, "http")) {
      if (n instanceof YamlMap route) {
        http.check(route);
      } else if (n instanceof YamlScalar s && s.isNull()) {
        f.at(n, DiagnosticCode.TL2022, "remove the empty list item", "http route");
      }
    }
    for (YamlMap tls : YamlReads.maps(spec, "tls")) {
      tlsRoute(tls, hosts, appliesToGateway);
    }
    for (YamlMap tcp : YamlReads.maps(spec, "tcp")) {
      tcpRoute(tcp);
    }
  }

  private void jwtClaimRoutes(YamlMap spec, List<YamlScalar> gateways) {
    List<String> names = new ArrayList<>();
    gateways.forEach(g -> names.add(g.value()));
    for (YamlMap http : YamlReads.maps(spec, "http")) {
      for (YamlMap m : YamlReads.maps(http, "match")) {
        for (String field : new String[] {"headers", "withoutHeaders"}) {
          YamlReads.map(m, field).ifPresent(h -> h.entries().forEach(e -> {
            if (CommonChecks.isJwtClaim(e.name())) {
              f.at(e.key(), DiagnosticCode.TL2206,
                  "JWT claims are only known at a gateway (after RequestAuthentication): bind this "
                      + "VirtualService to a Gateway with gateways: [my-gateway]",
                  e.name(), names);
            }
          }));
        }
      }
    }
  }

  private static boolean sniMatches(YamlMap spec) {
    for (YamlMap tls : YamlReads.maps(spec, "tls")) {
      for (YamlMap m : YamlReads.maps(tls, "match")) {
        if (!YamlReads.list(m, "sniHosts").isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code validateTLSRoute}. */
  private void tlsRoute(YamlMap tls, List<YamlScalar> hosts, boolean appliesToGateway) {
    List<YamlNode> matches = YamlReads.list(tls, "match");
    if (matches.isEmpty()) {
      f.key(tls, "match", DiagnosticCode.TL2247,
          "add match: [{sniHosts: [\"my.example.com\"]}] (TLS routes select by SNI)");
    }
    for (YamlNode n : matches) {
      if (!(n instanceof YamlMap m)) {
        if (n instanceof YamlScalar s && s.isNull()) {
          f.at(n, DiagnosticCode.TL2022, "remove the empty list item", "TLS match");
        }
        continue;
      }
      List<YamlScalar> snis = YamlReads.scalars(m, "sniHosts");
      if (snis.isEmpty()) {
        f.key(m, "sniHosts", DiagnosticCode.TL2248, "add sniHosts: [\"my.example.com\"]");
      }
      for (YamlScalar sni : snis) {
        sniHost(sni, hosts, appliesToGateway);
      }
      l4Match(m);
    }
    if (YamlReads.list(tls, "route").isEmpty()) {
      f.key(tls, "route", DiagnosticCode.TL2251, "add route: [{destination: {host: my-service}}]", "TLS");
    }
    new HttpRouteChecks(f, false).routeDestinations(tls, false);
  }

  private void sniHost(YamlScalar sni, List<YamlScalar> hosts, boolean appliesToGateway) {
    String v = sni.value();
    Optional<String> reason = (appliesToGateway && v.startsWith("outbound_"))
        ? Optional.empty() : HostRules.wildcardDomain(v);
    if (reason.isPresent()) {
      if (HostRules.isIp(v)) {
        f.at(sni, DiagnosticCode.TL2249, "match on a DNS name: clients send SNI names, not addresses", q(v));
      } else {
        f.at(sni, DiagnosticCode.TL2019, "an SNI host is a DNS name such as my.example.com", q(v),
            reason.get());
      }
      return;
    }
    for (YamlScalar h : hosts) {
      if (HostNames.matches(h.value(), v)) {
        return;
      }
    }
    List<String> names = hosts.stream().map(YamlScalar::value).toList();
    f.at(sni, DiagnosticCode.TL2250, "each sniHost must be one of the VirtualService's hosts or covered "
        + "by one of them (e.g. a.example.com under *.example.com)", q(v), String.join(", ", names));
  }

  /** {@code validateTCPRoute}. */
  private void tcpRoute(YamlMap tcp) {
    for (YamlNode n : YamlReads.list(tcp, "match")) {
      if (n instanceof YamlMap m) {
        l4Match(m);
      } else if (n instanceof YamlScalar s && s.isNull()) {
        f.at(n, DiagnosticCode.TL2022, "remove the empty list item", "tcp match");
      }
    }
    if (YamlReads.list(tcp, "route").isEmpty()) {
      f.key(tcp, "route", DiagnosticCode.TL2251, "add route: [{destination: {host: my-service}}]", "TCP");
    }
    new HttpRouteChecks(f, false).routeDestinations(tcp, false);
  }

  /** The L4 match attributes TLS and TCP matches share. */
  private void l4Match(YamlMap m) {
    for (YamlScalar subnet : YamlReads.scalars(m, "destinationSubnets")) {
      if (!HostRules.isIpOrCidr(subnet.value())) {
        f.at(subnet, subnet.value().contains("/") ? DiagnosticCode.TL2021 : DiagnosticCode.TL2020,
            "write an address or CIDR block such as 10.1.0.0/16", subnet.value());
      }
    }
    if (YamlReads.integer(m, "port").orElse(0L) != 0) {
      common.port(m, "port");
    }
    common.labels(m, "sourceLabels");
    common.gatewayNames(m, "gateways");
  }
}
