/**
 * Quiz grading: answers in, per-question verdicts and explanations out. Pure; depends on the pack
 * model only.
 */
package io.trafficlab.labs.quiz;
