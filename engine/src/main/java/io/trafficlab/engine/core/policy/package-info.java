/**
 * Compiled resilience policies (immutable values built once from config): route timeout, retries and
 * faults ({@link io.trafficlab.engine.core.policy.RoutePolicy}) and a cluster's load balancer,
 * connection pool and outlier detection ({@link io.trafficlab.engine.core.policy.ClusterPolicy}).
 * The per-request and per-cluster decisions that use them live in {@code core.exchange},
 * {@code core.pool} and {@code core.outlier}. JDK only.
 */
package io.trafficlab.engine.core.policy;
