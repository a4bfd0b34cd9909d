/**
 * Connection pools and circuit breakers per calling proxy × cluster
 * ({@link io.trafficlab.engine.core.pool.ClusterCircuitBreaker}): admission decisions (dispatch,
 * queue, overflow 503 UO) and the maxRetries budget. Pure state machines driven by the data plane's
 * events. JDK only.
 */
package io.trafficlab.engine.core.pool;
