package io.trafficlab.engine.dataplane.tls;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One TLS-terminating Gateway server: the credential it names and its hosts ({@code ns/} prefixes
 * are stripped, names lower-cased).
 */
public record TlsServer(String credentialName, List<String> hosts) {
  public TlsServer {
    Objects.requireNonNull(credentialName, "credentialName");
    hosts = hosts.stream().map(TlsServer::dnsName).toList();
  }

  private static String dnsName(String host) {
    int slash = host.indexOf('/');
    return (slash < 0 ? host : host.substring(slash + 1)).toLowerCase(Locale.ROOT);
  }
}
