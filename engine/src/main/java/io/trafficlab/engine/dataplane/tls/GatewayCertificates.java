package io.trafficlab.engine.dataplane.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.Mapping;
import io.trafficlab.engine.core.topology.HostNames;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Certificates for the Gateway servers of one run: one self-signed certificate per
 * {@code credentialName}, its SANs the hosts of every server naming it. When the topology lists
 * {@code secrets}, only those credentials exist (a server naming another one cannot complete a
 * handshake, like a Gateway whose secret is missing); when it does not, every credential exists.
 */
public final class GatewayCertificates {
  private final Map<String, Issued> issued;
  private final Set<String> missing;

  /** A certificate issued for one credential, with its server context. */
  public record Issued(String credentialName, X509Certificate certificate, SslContext serverContext) {}

  private GatewayCertificates(Map<String, Issued> issued, Set<String> missing) {
    this.issued = issued;
    this.missing = missing;
  }

  /**
   * @param secrets the topology's credential names, or empty when the topology has no
   *     {@code secrets} (then every credentialName gets a certificate)
   */
  public static GatewayCertificates issue(List<TlsServer> servers, Optional<Set<String>> secrets) {
    Map<String, List<String>> hostsByCredential = new LinkedHashMap<>();
    for (TlsServer s : servers) {
      hostsByCredential.computeIfAbsent(s.credentialName(), k -> new ArrayList<>())
          .addAll(s.hosts());
    }
    Map<String, Issued> issued = new LinkedHashMap<>();
    Set<String> missing = new java.util.TreeSet<>();
    hostsByCredential.forEach((credential, hosts) -> {
      if (secrets.isPresent() && !secrets.get().contains(credential)) {
        missing.add(credential);
        return;
      }
      SelfSignedCertificates.CertificateAndKey ck =
          SelfSignedCertificates.issue(credential, hosts);
      issued.put(credential, new Issued(credential, ck.certificate(), serverContext(ck)));
    });
    return new GatewayCertificates(Map.copyOf(issued), Set.copyOf(missing));
  }

  private static SslContext serverContext(SelfSignedCertificates.CertificateAndKey ck) {
    try {
      return SslContextBuilder.forServer(ck.key(), ck.certificate())
          .sslProvider(SslProvider.JDK).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build a server TLS context: " + e, e);
    }
  }

  public Optional<Issued> certificate(String credentialName) {
    return Optional.ofNullable(issued.get(credentialName));
  }

  /** Credentials named by servers but absent from {@code topology.secrets}. */
  public Set<String> missingCredentials() {
    return missing;
  }

  /**
   * The SNI → server context mapping for the TLS servers of one gateway port. The server whose
   * hosts match the SNI name most specifically wins (exact, then the longest {@code *.suffix},
   * then {@code *}); without SNI, or when nothing matches, the port's first server answers. A
   * server whose credential is missing fails the lookup, which ends the handshake.
   */
  public Mapping<String, SslContext> sniMapping(List<TlsServer> serversOnPort) {
    if (serversOnPort.isEmpty()) {
      throw new IllegalArgumentException("serversOnPort: empty (expected: at least one server)");
    }
    List<TlsServer> servers = List.copyOf(serversOnPort);
    return sni -> contextFor(select(servers, sni));
  }

  private SslContext contextFor(TlsServer server) {
    Issued i = issued.get(server.credentialName());
    if (i == null) {
      throw new IllegalStateException("no certificate for credentialName "
          + server.credentialName() + " (not listed in topology.secrets)");
    }
    return i.serverContext();
  }

  static TlsServer select(List<TlsServer> servers, String sni) {
    if (sni == null || sni.isEmpty()) {
      return servers.get(0);
    }
    String name = sni.toLowerCase(Locale.ROOT);
    TlsServer best = null;
    int bestScore = -1;
    for (TlsServer s : servers) {
      for (String h : s.hosts()) {
        if (!HostNames.matches(h, name)) {
          continue;
        }
        // Exact beats any wildcard; a longer wildcard suffix beats a shorter one; "*" is last.
        int score = h.equals(name) ? Integer.MAX_VALUE : h.equals("*") ? 0 : h.length();
        if (score > bestScore) {
          best = s;
          bestScore = score;
        }
      }
    }
    return best != null ? best : servers.get(0);
  }

  /** A client context that trusts exactly the certificates issued here (no hostname check). */
  public SslContext trustingClientContext() {
    if (issued.isEmpty()) {
      throw new IllegalStateException("no certificate issued: nothing to trust");
    }
    try {
      return SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
          .trustManager(issued.values().stream().map(Issued::certificate)
              .toArray(X509Certificate[]::new))
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build a client TLS context: " + e, e);
    }
  }

  /** A client context that trusts any server certificate (the synthetic traffic client's). */
  public static SslContext insecureClientContext() {
    try {
      return SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
          .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build a client TLS context: " + e, e);
    }
  }
}
