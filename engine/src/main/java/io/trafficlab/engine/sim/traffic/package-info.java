/**
 * The synthetic traffic client (keep-alive, optional TLS with SNI) and the generator that runs
 * sequential, repeated, concurrent and distribution traffic through it.
 */
package io.trafficlab.engine.sim.traffic;
