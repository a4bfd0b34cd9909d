/**
 * The Netty data plane: the shared event-loop runtime ({@link
 * io.trafficlab.engine.dataplane.EngineRuntime}), the one adapter from core time to Netty ({@link
 * io.trafficlab.engine.dataplane.EventLoopScheduler}), listeners for gateway ports and sidecars
 * ({@link io.trafficlab.engine.dataplane.ListenerHub}) behind the {@link
 * io.trafficlab.engine.dataplane.RequestHandler} seam, and keep-alive upstream pools to pods with
 * an SSRF guard ({@link io.trafficlab.engine.dataplane.UpstreamPool}); the proxy itself lives in
 * {@code dataplane.proxy}. It executes decisions that {@code engine.core} makes; it may import core,
 * never the reverse.
 */
package io.trafficlab.engine.dataplane;
