package io.trafficlab.engine.dataplane.http;

import java.net.InetSocketAddress;

/**
 * The downstream connection a request arrived on.
 *
 * @param tls whether the connection is TLS-terminated by this server
 * @param sniHostName the SNI name the client sent, null when none (or plain text)
 * @param remote the client's address
 */
public record ConnectionInfo(boolean tls, String sniHostName, InetSocketAddress remote) {}
