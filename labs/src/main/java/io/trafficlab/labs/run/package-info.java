/**
 * Running exercise checks on the engine: checks become case files of the engine's case format
 * ({@link io.trafficlab.labs.run.CheckCases}), so the grader, {@code pack validate} and the engine
 * share one reader and one judge. Depends on the engine and the pack model.
 */
package io.trafficlab.labs.run;
