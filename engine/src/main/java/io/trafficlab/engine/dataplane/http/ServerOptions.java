package io.trafficlab.engine.dataplane.http;

import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;

/**
 * How an {@link HttpServerEndpoint} accepts requests.
 *
 * @param maxContentLength request bodies above this get 413 (HttpObjectAggregator)
 * @param tls SNI name → server TLS context, or null for plain text; the mapping is asked with the
 *     client's SNI name, or null when the client sent none
 */
public record ServerOptions(int maxContentLength, Mapping<String, SslContext> tls) {
  public static final int DEFAULT_MAX_CONTENT_LENGTH = 1 << 20;
  public static final ServerOptions PLAIN = new ServerOptions(DEFAULT_MAX_CONTENT_LENGTH, null);

  public ServerOptions {
    if (maxContentLength < 0) {
      throw new IllegalArgumentException(
          "maxContentLength: " + maxContentLength + " (expected: >= 0)");
    }
  }

  public static ServerOptions tls(Mapping<String, SslContext> sni) {
    return new ServerOptions(DEFAULT_MAX_CONTENT_LENGTH, sni);
  }
}
