package io.trafficlab.engine.sim.pods;

import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import io.trafficlab.engine.dataplane.proxy.ProxyHeaders;
import io.trafficlab.engine.sim.traffic.TrafficClient;
import io.trafficlab.engine.sim.traffic.TrafficRequest;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The real {@link OutboundCaller}: a pod's call goes as plain HTTP to the pod's own sidecar
 * listener, Host = the call's host. Like Bookinfo's services, the pod propagates the request id,
 * trace context and {@code end-user} headers of the request it is serving, and the run's internal
 * random key and simulated instant (the pod stamps {@code inbound} with the instant the call starts).
 */
public final class SidecarCaller implements OutboundCaller {
  /** Headers copied from the inbound request onto calls (Bookinfo's propagation list, trimmed). */
  public static final List<String> PROPAGATED = List.of("x-request-id", "traceparent",
      "tracestate", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled",
      "x-b3-flags", "end-user", "user-agent", "cookie", "authorization", ProxyHeaders.SEQUENCE,
      ProxyHeaders.TIME);

  private final TrafficClient client;
  private final Function<PodDef, Optional<InetSocketAddress>> sidecarOf;

  public SidecarCaller(TrafficClient client,
      Function<PodDef, Optional<InetSocketAddress>> sidecarOf) {
    this.client = client;
    this.sidecarOf = sidecarOf;
  }

  @Override
  public CompletableFuture<CallResult> call(PodDef pod, PodBehavior.Call call,
      RequestMessage inbound) {
    Optional<InetSocketAddress> sidecar = sidecarOf.apply(pod);
    if (sidecar.isEmpty()) {
      return OutboundCaller.NONE.call(pod, call, inbound);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : PROPAGATED) {
      String value = inbound.headers().get(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    TrafficRequest request = new TrafficRequest(sidecar.get(), "GET", call.path(), call.host(),
        headers, false);
    return client.send(request).thenCompose(r -> r.isError()
        ? CompletableFuture.failedFuture(new java.io.IOException(r.error()))
        : CompletableFuture.completedFuture(new CallResult(r.status(), r.latencyMs())));
  }
}
