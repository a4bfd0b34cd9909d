/**
 * {@code pack validate}: the schema of every pack file, then (with an engine) the promises an
 * exercise makes: the solution scores 100 %, the starter does not, every check can fail and every
 * misconception example is recognised, in every variant.
 */
package io.trafficlab.labs.validate;
