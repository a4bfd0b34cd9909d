/**
 * The simulated cluster: synthetic pods ({@code sim.pods}) and the synthetic traffic client
 * ({@code sim.traffic}). Builds on {@code dataplane.http}; never imported by {@code core}.
 */
package io.trafficlab.engine.sim;
