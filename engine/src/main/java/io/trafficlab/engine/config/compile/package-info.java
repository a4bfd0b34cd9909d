/**
 * Compiles validated config into the engine's immutable runtime structures: {@code RouteCompiler}
 * builds the {@link io.trafficlab.engine.core.route.RouteTable} (virtual hosts, routes, clusters);
 * {@code PolicyCompiler} builds the resilience policy records it attaches. Depends on {@code core},
 * never the reverse. Input has passed validation, but every reader is defensive
 * ({@code config.yaml.YamlReads}, {@code config.value.GoDuration}): a malformed part is skipped,
 * never thrown on.
 */
package io.trafficlab.engine.config.compile;
