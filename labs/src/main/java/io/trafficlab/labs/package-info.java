/** Scenario packs, exercises, checks, the grader and its exports. Depends on the engine only. */
package io.trafficlab.labs;
