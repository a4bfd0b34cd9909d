package io.trafficlab.engine.dataplane.http;

import java.util.concurrent.CompletionStage;

/**
 * What an {@link HttpServerEndpoint} does with each complete request. Called on an event loop:
 * implementations must not block; they return a stage completed later (for example by a
 * {@link io.trafficlab.engine.core.time.Scheduler} task). A failed stage becomes a bare 500.
 */
@FunctionalInterface
public interface HttpHandler {
  CompletionStage<ResponseMessage> handle(ConnectionInfo connection, RequestMessage request);
}
