package io.trafficlab.engine.dataplane;

import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.http.ResponseMessage;
import java.util.concurrent.CompletionStage;

/**
 * The proxy logic behind every data-plane listener (the seam where routing and resilience plug
 * in). Called on an event loop with the complete request; must not block. A failed stage is
 * answered with a bare 500.
 */
@FunctionalInterface
public interface RequestHandler {
  CompletionStage<ResponseMessage> handle(Inbound inbound, RequestMessage request);
}
