package io.trafficlab.engine.dataplane.http;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a client connection goes: an address and, for TLS, the client context and the SNI name to
 * send. Connections are pooled per endpoint, so a TLS connection is only reused for the same SNI.
 */
public record ClientEndpoint(InetSocketAddress address, SslContext ssl, String sniHostName) {
  public ClientEndpoint {
    Objects.requireNonNull(address, "address");
  }

  public static ClientEndpoint plain(InetSocketAddress address) {
    return new ClientEndpoint(address, null, null);
  }

  public boolean tls() {
    return ssl != null;
  }
}
