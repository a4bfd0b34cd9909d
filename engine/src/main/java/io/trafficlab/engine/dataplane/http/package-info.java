/**
 * HTTP/1.1 plumbing on Netty shared by the data plane and the simulator: plain message records
 * ({@link io.trafficlab.engine.dataplane.http.RequestMessage}, {@link
 * io.trafficlab.engine.dataplane.http.ResponseMessage}, {@link
 * io.trafficlab.engine.dataplane.http.Headers}) so that no logic outside this package touches
 * reference-counted buffers, a keep-alive server with manual reads, and pooled client connections.
 * Imports Netty and core only.
 */
package io.trafficlab.engine.dataplane.http;
