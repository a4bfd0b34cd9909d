/**
 * Per-request decisions, Envoy router style: the fault filter's
 * {@link io.trafficlab.engine.core.exchange.FaultDecision}, the retry bookkeeping
 * {@link io.trafficlab.engine.core.exchange.RetryState} with its jittered
 * {@link io.trafficlab.engine.core.exchange.Backoff}, and the route timeout
 * {@link io.trafficlab.engine.core.exchange.Deadline}. Values in, values out; randomness and time are
 * arguments. Every decision carries a short reason for the request's trace. JDK only.
 */
package io.trafficlab.engine.core.exchange;
