/**
 * The pure routing core (JDK only, plus the RE2 engine for regex matches, which
 * {@link io.trafficlab.engine.core.regex.RegexDfa} answers when a pattern fits it): the immutable
 * {@link io.trafficlab.engine.core.route.RouteTable} compiled from Istio config, the
 * {@link io.trafficlab.engine.core.route.RequestView} it reads and the
 * {@link io.trafficlab.engine.core.route.RouteDecision} it returns. No I/O, no clocks, no threads;
 * randomness is an argument. The data plane executes decisions; it never re-implements matching.
 */
package io.trafficlab.engine.core.route;
