/**
 * Synthetic pods: one loopback HTTP/1.1 server per topology pod that answers with latency, errors,
 * headers and calls as its behaviour says, echoing the request it saw as JSON ({@link
 * io.trafficlab.engine.sim.pods.PodEcho}). Calls go through an {@link
 * io.trafficlab.engine.sim.pods.OutboundCaller} (the pod's own sidecar).
 */
package io.trafficlab.engine.sim.pods;
