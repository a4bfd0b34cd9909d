package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Istio's {@code ValidateGateway}, {@code validateServer} and {@code validateTLSOptions} (semantics §4). */
final class GatewayChecks {
  private static final Set<String> PROTOCOLS = Set.of(
      "tcp", "udp", "grpc", "grpc-web", "http", "http_proxy", "http2", "https", "tls", "mongo", "redis", "mysql");
  private static final String PROTOCOL_HINT =
      "use one of HTTP, HTTPS, GRPC, GRPC-WEB, HTTP2, MONGO, REDIS, MYSQL, TCP or TLS (any case)";

  private final Findings f;

  GatewayChecks(Findings f) {
    this.f = f;
  }

  void check(Resource r) {
    YamlMap spec = r.spec();
    if (!HostRules.isDns1123Label(r.name())) {
      YamlNode at = r.root().map("metadata").map(m -> (YamlNode) m.get("name")).orElse(r.root());
      f.at(at, DiagnosticCode.TL2101,
          "Gateway names are DNS-1123 labels: lower-case letters, digits and '-', at most 63, no dots",
          q(r.name()));
    }
    List<YamlNode> servers = YamlReads.list(spec, "servers");
    if (servers.isEmpty()) {
      f.key(spec, "servers", DiagnosticCode.TL2102,
          "add a server, e.g. servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [\"*\"]}]");
    }
    Set<String> portNames = new HashSet<>();
    for (YamlNode n : servers) {
      if (!(n instanceof YamlMap server)) {
        if (n instanceof YamlScalar s && s.isNull()) {
          f.at(n, DiagnosticCode.TL2022, "remove the empty list item", "server");
        }
        continue;
      }
      server(server);
      Optional<YamlMap> port = YamlReads.map(server, "port");
      if (port.isEmpty()) {
        continue;
      }
      String name = YamlReads.str(port.get(), "name");
      if (!name.isEmpty() && !portNames.add(name)) {
        f.value(port.get(), "name", DiagnosticCode.TL2112,
            "give each server's port its own name, e.g. http and https", name);
      }
      String protocol = YamlReads.str(port.get(), "protocol").toLowerCase(Locale.ROOT);
      Optional<YamlMap> tls = YamlReads.map(server, "tls");
      if (!isHttp(protocol) && tls.isPresent() && YamlReads.isTrue(tls.get(), "httpsRedirect")) {
        f.value(tls.get(), "httpsRedirect", DiagnosticCode.TL2113,
            "httpsRedirect belongs on the plain HTTP server (port 80) that should redirect to HTTPS");
      }
    }
  }

  private void server(YamlMap server) {
    List<YamlNode> hosts = YamlReads.list(server, "hosts");
    if (hosts.isEmpty()) {
      f.key(server, "hosts", DiagnosticCode.TL2103,
          "add the hosts this server accepts, e.g. hosts: [\"bookinfo.example.com\"] or [\"*\"]");
    }
    for (YamlNode h : hosts) {
      if (h instanceof YamlScalar s && !s.isNull()) {
        host(s);
      }
    }
    boolean portOk = port(server);
    Optional<YamlMap> tls = YamlReads.map(server, "tls");
    tls.ifPresent(this::tlsOptions);
    if (!portOk) {
      return;
    }
    String protocol = YamlReads.str(YamlReads.map(server, "port").orElseThrow(), "protocol").toLowerCase(Locale.ROOT);
    boolean isTls = protocol.equals("https") || protocol.equals("tls");
    if (isTls && !YamlReads.has(server, "tls")) {
      f.at(YamlReads.node(server, "port"), DiagnosticCode.TL2114,
          "add tls: {mode: SIMPLE, credentialName: my-cert} (terminate) or tls: {mode: PASSTHROUGH}");
    } else if (!isTls && YamlReads.has(server, "tls")) {
      YamlNode tlsNode = YamlReads.node(server, "tls");
      if (isHttp(protocol)) {
        YamlMap t = tls.orElse(null);
        boolean passthrough = t == null || isPassthrough(YamlReads.str(t, "mode"));
        if (!passthrough || (t != null && (YamlReads.has(t, "caCertificates") || YamlReads.has(t, "privateKey")
            || YamlReads.has(t, "serverCertificate")))) {
          f.at(tlsNode, DiagnosticCode.TL2115,
              "TLS is terminated on an HTTPS server: set protocol: HTTPS on this port (usually 443), "
                  + "or keep only tls: {httpsRedirect: true} on the HTTP server");
        }
      } else {
        f.at(tlsNode, DiagnosticCode.TL2116, "use protocol HTTPS or TLS for a port with tls settings");
      }
    }
  }

  private static boolean isHttp(String protocol) {
    return switch (protocol) {
      case "http", "http2", "http_proxy", "grpc", "grpc-web" -> true;
      default -> false;
    };
  }

  /** Mode absent (the enum's zero value) or PASSTHROUGH/AUTO_PASSTHROUGH. */
  private static boolean isPassthrough(String mode) {
    return mode.isEmpty() || mode.equals("PASSTHROUGH") || mode.equals("AUTO_PASSTHROUGH");
  }

  /** {@code ValidateNamespaceSlashWildcardHostname(host, isGateway=true)}. */
  private void host(YamlScalar s) {
    String value = s.value();
    int slash = value.indexOf('/');
    String dns = value;
    if (slash >= 0) {
      String ns = value.substring(0, slash);
      dns = value.substring(slash + 1);
      if (ns.isEmpty() || dns.isEmpty()) {
        f.at(s, DiagnosticCode.TL2106, "write namespace/host, e.g. ./bookinfo.example.com or */*.example.com",
            q(value));
      }
      if (!ns.equals("*") && !ns.equals(".") && !HostRules.isDns1123Label(ns)) {
        f.at(s, DiagnosticCode.TL2107,
            "the part before '/' is a namespace name, '.' (this Gateway's namespace) or '*' (any)", q(ns));
      }
    }
    if (!dns.equals("*") && !dns.contains(".")) {
      f.at(s, DiagnosticCode.TL2104,
          "Gateway hosts are fully qualified domain names (FQDN) such as " + dns
              + ".example.com, or \"*\"; service short names only work in VirtualService hosts",
          q(value));
    }
    Optional<String> reason = HostRules.wildcardDomain(dns);
    if (reason.isPresent() && !HostRules.isIp(dns)) {
      f.at(s, DiagnosticCode.TL2019,
          "a Gateway host is a DNS name (bookinfo.example.com), a wildcard (*.example.com, *) or an IP",
          q(value), reason.get());
    }
    if (dns.contains("*") && dns.length() != 1 && !dns.startsWith("*.")) {
      f.at(s, DiagnosticCode.TL2105,
          "a wildcard must be the whole left-most label: *.example.com (which also matches a.b.example.com)",
          q(dns));
    }
  }

  /** {@code validateServerPort}; true when the port had no error at all. */
  private boolean port(YamlMap server) {
    Optional<YamlMap> port = YamlReads.map(server, "port");
    if (port.isEmpty()) {
      f.value(server, "port", DiagnosticCode.TL2108,
          "add port: {number: 80, name: http, protocol: HTTP}");
      return false;
    }
    YamlMap p = port.get();
    boolean ok = true;
    String protocol = YamlReads.str(p, "protocol");
    if (!PROTOCOLS.contains(protocol.toLowerCase(Locale.ROOT))) {
      f.value(p, "protocol", DiagnosticCode.TL2109, PROTOCOL_HINT, q(protocol));
      ok = false;
    }
    String bind = YamlReads.str(server, "bind");
    long number = YamlReads.integer(p, "number").orElse(0L);
    if (number > 0 || !bind.startsWith("unix://")) {
      if (number < 1 || number > 65535) {
        f.value(p, "number", DiagnosticCode.TL2003,
            "ports are numbers from 1 to 65535, e.g. number: 80", number);
        ok = false;
      }
    }
    if (YamlReads.integer(p, "targetPort").orElse(0L) > 0) {
      f.value(p, "targetPort", DiagnosticCode.TL2110,
          "remove targetPort: the gateway listens on port.number (map ports in the gateway's Service)");
      ok = false;
    }
    if (YamlReads.str(p, "name").isEmpty()) {
      f.value(p, "name", DiagnosticCode.TL2111, "name the port, e.g. name: http");
      ok = false;
    }
    bind(server, bind, number);
    return ok;
  }

  private void bind(YamlMap server, String bind, long number) {
    if (bind.startsWith("unix://")) {
      String path = bind.substring("unix://".length());
      if (path.isEmpty()) {
        f.value(server, "bind", DiagnosticCode.TL2126, "write unix:///path/to/socket", q(bind),
            "unix address must not be empty");
      } else if (!path.startsWith("@") && (!path.startsWith("/") || path.endsWith("/"))) {
        f.value(server, "bind", DiagnosticCode.TL2126, "write unix:///path/to/socket", q(bind),
            path + " is not an absolute path to a file");
      }
      if (number != 0) {
        f.value(server, "bind", DiagnosticCode.TL2126, "set port.number: 0 for a unix domain socket",
            q(bind), "port number must be 0 for unix domain socket");
      }
    } else if (!bind.isEmpty() && !HostRules.isIp(bind)) {
      f.value(server, "bind", DiagnosticCode.TL2020, "bind is an IP address such as 0.0.0.0, or omit it",
          q(bind));
    }
  }

  /** {@code validateTLSOptions}. */
  private void tlsOptions(YamlMap tls) {
    String mode = YamlReads.str(tls, "mode");
    String min = YamlReads.str(tls, "minProtocolVersion");
    List<YamlScalar> ciphers = YamlReads.scalars(tls, "cipherSuites");
    if ((min.equals("TLSV1_0") || min.equals("TLSV1_1")) && ciphers.isEmpty()) {
      f.value(tls, "minProtocolVersion", DiagnosticCode.TL2124,
          "list cipherSuites compatible with " + min + ", or use TLSV1_2");
    }
    Set<String> seen = new HashSet<>();
    Set<String> dup = new java.util.TreeSet<>();
    for (YamlScalar c : ciphers) {
      if (!seen.add(c.value())) {
        dup.add(c.value());
      }
    }
    if (!dup.isEmpty()) {
      f.value(tls, "cipherSuites", DiagnosticCode.TL2125, "list each cipher suite once", dup);
    }
    boolean serverCert = YamlReads.has(tls, "serverCertificate");
    boolean privateKey = YamlReads.has(tls, "privateKey");
    boolean ca = YamlReads.has(tls, "caCertificates");
    boolean tlsCerts = !YamlReads.list(tls, "tlsCertificates").isEmpty();
    boolean credName = YamlReads.has(tls, "credentialName") && !YamlReads.str(tls, "credentialName").isEmpty();
    boolean credNames = !YamlReads.list(tls, "credentialNames").isEmpty();
    if (mode.equals("ISTIO_MUTUAL")) {
      String hint = "ISTIO_MUTUAL uses Istio's own certificates: remove this field, or use mode SIMPLE/MUTUAL";
      if (serverCert) {
        f.key(tls, "serverCertificate", DiagnosticCode.TL2117, hint, "server certificate");
      }
      if (privateKey) {
        f.key(tls, "privateKey", DiagnosticCode.TL2117, hint, "private key");
      }
      if (ca) {
        f.key(tls, "caCertificates", DiagnosticCode.TL2117, hint, "CA bundle");
      }
      if (tlsCerts) {
        f.key(tls, "tlsCertificates", DiagnosticCode.TL2117, hint, "tlsCertificates");
      }
      if (credName) {
        f.key(tls, "credentialName", DiagnosticCode.TL2117, hint, "credentialName");
      }
      if (credNames) {
        f.key(tls, "credentialNames", DiagnosticCode.TL2117, hint, "credentialNames");
      }
      return;
    }
    boolean anyCert = YamlReads.has(tls, "caCrl") || serverCert || privateKey || ca || tlsCerts || credName
        || credNames;
    if (isPassthrough(mode) && anyCert) {
      String shown = mode.isEmpty() ? "PASSTHROUGH" : mode;
      f.value(tls, "mode", DiagnosticCode.TL2118,
          (mode.isEmpty() ? "mode defaults to PASSTHROUGH (TLS is not terminated); " : "")
              + "to terminate TLS with these certificates set mode: SIMPLE (or MUTUAL)", shown);
    }
    int sources = (serverCert && privateKey ? 1 : 0) + (credName ? 1 : 0) + (credNames ? 1 : 0)
        + (tlsCerts ? 1 : 0);
    if (sources > 1) {
      f.at(tls, DiagnosticCode.TL2119,
          "keep one certificate source, e.g. only credentialName (a Kubernetes secret)");
    }
    boolean terminating = mode.equals("SIMPLE") || mode.equals("MUTUAL") || mode.equals("OPTIONAL_MUTUAL");
    if (terminating && (credName || credNames)) {
      return; // certificates come from the secret
    }
    if (terminating) {
      String prefix = mode.equals("SIMPLE") ? "SIMPLE" : "MUTUAL";
      if (!prefix.equals("SIMPLE") && !ca) {
        f.value(tls, "mode", DiagnosticCode.TL2120,
            "set credentialName (a secret with tls.crt, tls.key and ca.crt) or caCertificates", prefix,
            "client CA bundle");
      }
      List<YamlMap> certs = YamlReads.maps(tls, "tlsCertificates");
      if (certs.size() > 2) {
        f.value(tls, "tlsCertificates", DiagnosticCode.TL2121, "list at most two certificates (RSA and ECDSA)",
            prefix);
      }
      List<YamlMap> toVerify = certs.isEmpty() ? List.of(tls) : certs;
      for (YamlMap c : toVerify) {
        String hint = "set credentialName to a Kubernetes TLS secret (the usual way), or both "
            + "serverCertificate and privateKey file paths";
        boolean cert = YamlReads.has(c, "serverCertificate");
        boolean key = YamlReads.has(c, "privateKey");
        // Istio reports the two missing halves separately; both at one node would be one mistake
        // said twice, so they are one finding.
        String missing = !cert && !key ? "server certificate and a private key"
            : !cert ? "server certificate" : !key ? "private key" : "";
        if (!missing.isEmpty()) {
          f.at(c == tls ? YamlReads.node(tls, "mode") : c, DiagnosticCode.TL2120, hint, prefix, missing);
        }
      }
    }
    if (YamlReads.has(tls, "caCrl")) {
      if (credName) {
        f.key(tls, "caCrl", DiagnosticCode.TL2122, "put the CRL into the credential secret (ca.crl)");
      }
      if (mode.equals("SIMPLE")) {
        f.key(tls, "caCrl", DiagnosticCode.TL2123, "a CRL needs client certificates: use mode MUTUAL");
      }
    }
  }
}
