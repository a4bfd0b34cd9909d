/**
 * A fast, budgeted DFA for full matches of a subset of RE2 syntax
 * ({@link io.trafficlab.engine.core.regex.RegexDfa}). re2j simulates an NFA for every match, which
 * costs hundreds of nanoseconds per route decision; the patterns Istio configs use are small
 * enough to determinize once. Anything outside the subset, or over the state budget, is declined
 * explicitly and the caller keeps using re2j, which stays the reference. JDK only.
 */
package io.trafficlab.engine.core.regex;
