/**
 * Running exercise checks on the engine: {@link io.trafficlab.labs.run.EngineTrafficLab} reads an
 * exercise's topology and each check's traffic with the engine's case reader, runs the traffic
 * through the real data plane and judges it with the case judge, so the grader, {@code pack
 * validate} and {@code trafficlab test} share one reader and one judge.
 * {@link io.trafficlab.labs.run.TrafficLabs} finds the implementation for the CLI. Depends on the
 * engine and the pack model.
 */
package io.trafficlab.labs.run;
