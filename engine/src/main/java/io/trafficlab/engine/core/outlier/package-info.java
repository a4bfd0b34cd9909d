/**
 * Outlier detection per calling proxy × cluster ({@link io.trafficlab.engine.core.outlier.OutlierDetector}):
 * consecutive-error ejections, timed returns on the {@code core.time.Scheduler}, and the healthy
 * host set with Envoy's panic rule. JDK only.
 */
package io.trafficlab.engine.core.outlier;
