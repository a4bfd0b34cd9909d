package io.trafficlab.engine.config.webhook;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import java.util.Optional;

/**
 * Istio's {@code validateTrafficPolicy} and its parts: outlier detection, connection pool, load
 * balancer, client TLS and port-level settings (semantics §6).
 */
final class TrafficPolicyChecks {
  private final Findings f;
  private final CommonChecks common;

  TrafficPolicyChecks(Findings f, CommonChecks common) {
    this.f = f;
    this.common = common;
  }

  /** A {@code trafficPolicy} of the rule or of a subset. */
  void topLevel(YamlMap owner, String key) {
    Optional<YamlMap> tp = YamlReads.map(owner, key);
    if (tp.isEmpty()) {
      return;
    }
    YamlMap p = tp.get();
    boolean any = YamlReads.has(p, "outlierDetection") || YamlReads.has(p, "connectionPool")
        || YamlReads.has(p, "loadBalancer") || YamlReads.has(p, "tls")
        || !YamlReads.list(p, "portLevelSettings").isEmpty() || YamlReads.has(p, "tunnel")
        || YamlReads.has(p, "proxyProtocol");
    if (!any) {
      f.key(owner, key, DiagnosticCode.TL2302,
          "set loadBalancer, connectionPool, outlierDetection, tls or portLevelSettings, or remove "
              + "trafficPolicy (circuit breaking is connectionPool + outlierDetection)");
      return;
    }
    if (YamlReads.has(p, "tunnel") && YamlReads.has(p, "proxyProtocol")) {
      f.key(p, "proxyProtocol", DiagnosticCode.TL2303, "keep either tunnel or proxyProtocol");
      return;
    }
    blocks(p);
    for (YamlNode n : YamlReads.list(p, "portLevelSettings")) {
      if (n instanceof YamlMap pl) {
        portLevel(pl);
      } else if (n instanceof YamlScalar s && s.isNull()) {
        f.at(n, DiagnosticCode.TL2022, "remove the empty list item", "traffic policy");
      }
    }
    YamlReads.map(p, "proxyProtocol").ifPresent(pp -> YamlReads.integer(pp, "version").ifPresent(v -> {
      if (v != 0 && v != 1) {
        f.value(pp, "version", DiagnosticCode.TL2304, "use version V1 or V2", v);
      }
    }));
  }

  private void blocks(YamlMap p) {
    YamlReads.map(p, "outlierDetection").ifPresent(this::outlier);
    YamlReads.map(p, "connectionPool").ifPresent(this::pool);
    YamlReads.map(p, "loadBalancer").ifPresent(lb -> loadBalancer(lb, YamlReads.has(p, "outlierDetection")));
    YamlReads.map(p, "tls").ifPresent(this::tls);
  }

  private void portLevel(YamlMap pl) {
    if (!YamlReads.has(pl, "port")) {
      f.key(pl, "port", DiagnosticCode.TL2319, "add port: {number: 9080}");
    }
    if (!YamlReads.has(pl, "outlierDetection") && !YamlReads.has(pl, "connectionPool")
        && !YamlReads.has(pl, "loadBalancer") && !YamlReads.has(pl, "tls")) {
      f.at(pl, DiagnosticCode.TL2320,
          "add loadBalancer, connectionPool, outlierDetection or tls for this port");
      return;
    }
    blocks(pl);
  }

  private void outlier(YamlMap o) {
    common.duration(o, "baseEjectionTime");
    if (YamlReads.integer(o, "consecutiveErrors").orElse(0L) != 0) {
      f.key(o, "consecutiveErrors", DiagnosticCode.TL2305,
          "use consecutive5xxErrors (any 5xx) or consecutiveGatewayErrors (502, 503, 504) with the same "
              + "number; consecutiveErrors has no effect");
    }
    if (!YamlReads.isTrue(o, "splitExternalLocalOriginErrors")
        && YamlReads.wrapped(o, "consecutiveLocalOriginFailures").orElse(0.0) > 0) {
      f.key(o, "consecutiveLocalOriginFailures", DiagnosticCode.TL2306,
          "add splitExternalLocalOriginErrors: true, or remove consecutiveLocalOriginFailures");
    }
    common.duration(o, "interval");
    common.intPercent(o, "maxEjectionPercent");
    common.intPercent(o, "minHealthPercent");
  }

  private void pool(YamlMap pool) {
    Optional<YamlMap> http = YamlReads.map(pool, "http");
    Optional<YamlMap> tcp = YamlReads.map(pool, "tcp");
    if (!YamlReads.has(pool, "http") && !YamlReads.has(pool, "tcp")) {
      f.at(pool, DiagnosticCode.TL2307,
          "set tcp (e.g. tcp: {maxConnections: 100}) and/or http (e.g. http: {http1MaxPendingRequests: 10})");
      return;
    }
    http.ifPresent(h -> {
      nonNegative(h, "http1MaxPendingRequests", "http1 max pending requests");
      nonNegative(h, "http2MaxRequests", "http2 max requests");
      nonNegative(h, "maxRequestsPerConnection", "max requests per connection");
      nonNegative(h, "maxRetries", "max retries");
      common.duration(h, "idleTimeout");
      if (YamlReads.str(h, "h2UpgradePolicy").equals("UPGRADE") && YamlReads.isTrue(h, "useClientProtocol")) {
        f.key(h, "useClientProtocol", DiagnosticCode.TL2309,
            "remove useClientProtocol, or use h2UpgradePolicy DEFAULT/DO_NOT_UPGRADE");
      }
      nonNegative(h, "maxConcurrentStreams", "max concurrent streams");
    });
    tcp.ifPresent(t -> {
      nonNegative(t, "maxConnections", "max connections");
      common.duration(t, "connectTimeout");
      common.duration(t, "maxConnectionDuration");
      common.duration(t, "idleTimeout", true);
      YamlReads.map(t, "tcpKeepalive").ifPresent(ka -> {
        common.duration(ka, "time");
        common.duration(ka, "interval");
      });
    });
  }

  private void nonNegative(YamlMap m, String key, String what) {
    YamlReads.integer(m, key).ifPresent(v -> {
      if (v < 0) {
        f.value(m, key, DiagnosticCode.TL2308, "use 0 or more; omit the field for no limit", what);
      }
    });
  }

  private void loadBalancer(YamlMap lb, boolean hasOutlier) {
    YamlReads.map(lb, "consistentHash").ifPresent(ch -> {
      YamlReads.map(ch, "httpCookie").ifPresent(c -> {
        if (YamlReads.str(c, "name").isEmpty()) {
          f.key(c, "name", DiagnosticCode.TL2310, "name the cookie, e.g. httpCookie: {name: user, ttl: 0s}");
        }
      });
      boolean minRing = YamlReads.integer(ch, "minimumRingSize").orElse(0L) != 0;
      if (minRing) {
        f.key(ch, "minimumRingSize", DiagnosticCode.TL2311, "write ringHash: {minimumRingSize: N} instead");
        if (YamlReads.has(ch, "ringHash") || YamlReads.has(ch, "maglev")) {
          f.key(ch, "minimumRingSize", DiagnosticCode.TL2312, "keep only ringHash or maglev");
        }
      }
      YamlReads.map(ch, "maglev").ifPresent(ml -> {
        long size = YamlReads.integer(ml, "tableSize").orElse(0L);
        String hint = "use a prime below 5000011, e.g. 65537 (the default size)";
        if (size == 0) {
          f.value(ml, "tableSize", DiagnosticCode.TL2313, hint);
        }
        if (size >= 5000011) {
          f.value(ml, "tableSize", DiagnosticCode.TL2314, hint);
        }
        if (!isPrime(size)) {
          f.value(ml, "tableSize", DiagnosticCode.TL2315, hint);
        }
      });
    });
    YamlReads.map(lb, "localityLbSetting").ifPresent(loc -> {
      boolean distribute = !YamlReads.list(loc, "distribute").isEmpty();
      boolean failover = !YamlReads.list(loc, "failover").isEmpty();
      if (distribute && failover) {
        f.key(loc, "failover", DiagnosticCode.TL2321, "keep either distribute or failover");
        return;
      }
      if ((failover || !YamlReads.list(loc, "failoverPriority").isEmpty()) && !hasOutlier) {
        f.at(loc, DiagnosticCode.TL2324,
            "failover only happens when unhealthy endpoints are detected: add outlierDetection");
      }
    });
  }

  /** Envoy's primality test, as Istio copies it: 0 is not prime, 1..3 are. */
  static boolean isPrime(long x) {
    if (x != 0 && x < 4) {
      return x > 0;
    }
    if ((x & 1) == 0) {
      return false;
    }
    long limit = (long) Math.sqrt((double) x);
    for (long factor = 3; factor <= limit; factor += 2) {
      if (x % factor == 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code agent.ValidateTLS} for client-side TLS. */
  private void tls(YamlMap tls) {
    String mode = YamlReads.str(tls, "mode");
    boolean cred = !YamlReads.str(tls, "credentialName").isEmpty();
    if (YamlReads.isTrue(tls, "insecureSkipVerify")) {
      if (mode.equals("SIMPLE") && (YamlReads.has(tls, "caCertificates") || cred
          || YamlReads.has(tls, "subjectAltNames"))) {
        f.key(tls, "insecureSkipVerify", DiagnosticCode.TL2318,
            "either verify the server (CA, SANs) or skip verification, not both",
            "CaCertificates or CredentialName or SubjectAltNames");
      }
      if (mode.equals("MUTUAL") && (YamlReads.has(tls, "caCertificates") || YamlReads.has(tls, "subjectAltNames"))) {
        f.key(tls, "insecureSkipVerify", DiagnosticCode.TL2318,
            "either verify the server (CA, SANs) or skip verification, not both",
            "CaCertificates or SubjectAltNames");
      }
    }
    if ((mode.equals("SIMPLE") || mode.equals("MUTUAL")) && cred) {
      for (String k : new String[] {"clientCertificate", "caCertificates", "privateKey", "caCrl"}) {
        if (!YamlReads.str(tls, k).isEmpty()) {
          f.key(tls, k, DiagnosticCode.TL2316,
              "credentialName supplies the certificates: remove this field, or remove credentialName");
          break;
        }
      }
      return;
    }
    if (mode.equals("MUTUAL")) {
      String hint = "set credentialName (a secret with the client certificate and key), or both "
          + "clientCertificate and privateKey; for Istio's own mTLS use mode: ISTIO_MUTUAL";
      if (YamlReads.str(tls, "clientCertificate").isEmpty()) {
        f.value(tls, "mode", DiagnosticCode.TL2317, hint, "client certificate");
      }
      if (YamlReads.str(tls, "privateKey").isEmpty()) {
        f.value(tls, "mode", DiagnosticCode.TL2317, hint, "private key");
      }
    }
  }
}
