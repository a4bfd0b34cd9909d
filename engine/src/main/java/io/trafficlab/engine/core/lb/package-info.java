/**
 * Load balancing, pure (JDK only): per-cluster balancer state objects that pick one endpoint from the
 * healthy ones the data plane passes in. Randomness and active-request counts are arguments, so
 * picks are reproducible. Outlier ejection and panic thresholds are decided elsewhere.
 */
package io.trafficlab.engine.core.lb;
