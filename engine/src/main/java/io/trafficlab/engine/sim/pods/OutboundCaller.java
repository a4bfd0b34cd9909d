package io.trafficlab.engine.sim.pods;

import io.trafficlab.engine.core.topology.PodBehavior;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.dataplane.http.RequestMessage;
import java.util.concurrent.CompletableFuture;

/**
 * How a pod makes its {@code calls[]}: through its own sidecar. The data plane plugs in a caller
 * that sends to the pod's sidecar listener ({@link SidecarCaller}); tests plug in fakes. A failed
 * future is recorded as a failed call; the pod still answers.
 */
@FunctionalInterface
public interface OutboundCaller {
  /** A caller for pods without calls: any call fails. */
  OutboundCaller NONE = (pod, call, inbound) -> CompletableFuture.failedFuture(
      new IllegalStateException("pod " + pod.name() + " has no sidecar to call " + call.host()));

  /**
   * @param pod the calling pod
   * @param call the call to make
   * @param inbound the request the pod is serving (headers to propagate)
   */
  CompletableFuture<CallResult> call(PodDef pod, PodBehavior.Call call, RequestMessage inbound);
}
