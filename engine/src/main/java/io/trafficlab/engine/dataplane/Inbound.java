package io.trafficlab.engine.dataplane;

import io.trafficlab.engine.dataplane.http.ConnectionInfo;

/** A request's arrival: the listener it came in on and its downstream connection (TLS, SNI). */
public record Inbound(Listener listener, ConnectionInfo connection) {}
