/**
 * The grader's real {@link io.trafficlab.labs.grade.TrafficLab}: exercise topologies and check
 * traffic read with the engine's case loader, run through an {@link
 * io.trafficlab.engine.run.EngineSession} and judged with the engine's case judge.
 */
package io.trafficlab.labs.run;
