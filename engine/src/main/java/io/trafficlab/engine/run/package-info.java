/**
 * Running traffic through the real data plane: an {@link io.trafficlab.engine.run.EngineSession}
 * compiles a configuration, starts the topology's synthetic pods, the gateway and sidecar listeners
 * and the proxy, sends case requests through them and turns every response (plus the proxy's trace)
 * into a {@link io.trafficlab.engine.cases.Observation}. The composition root of the engine; may
 * import every other engine package.
 */
package io.trafficlab.engine.run;
