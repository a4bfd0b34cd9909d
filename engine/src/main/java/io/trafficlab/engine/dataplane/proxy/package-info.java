/**
 * The proxy: one {@link io.trafficlab.engine.dataplane.proxy.Proxy} serves every gateway port and
 * sidecar listener. Per request an {@code Exchange} asks the routing core for a decision and then
 * executes the core's resilience decisions (fault, route timeout, circuit breaker admission,
 * outlier-healthy hosts, load balancing, per-try timeout, retries with backoff) with Netty futures and
 * the {@link io.trafficlab.engine.core.time.Scheduler}; it never blocks an event loop. Per calling
 * proxy and cluster it keeps Envoy's state (load balancer, circuit breaker, outlier detector). What a
 * traced request went through comes back to the traffic client through the {@link
 * io.trafficlab.engine.dataplane.proxy.TraceLog} side channel. Imports core, Netty and the HTTP
 * plumbing; never {@code sim} or {@code cases}.
 */
package io.trafficlab.engine.dataplane.proxy;
