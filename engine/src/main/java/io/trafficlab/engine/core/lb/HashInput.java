package io.trafficlab.engine.core.lb;

/**
 * The parts of a request a consistent-hash load balancer may hash on. Implemented by the routing
 * core's request view; kept here so that {@code core.lb} does not depend on {@code core.route}.
 */
public interface HashInput {

  /** All values of a lower-case header name joined with {@code ","}, or null when absent. */
  String header(String lowerCaseName);

  /** The value of a cookie from the {@code cookie} header, or null. */
  String cookie(String name);

  /** The first value of a query parameter (not URL-decoded), or null. */
  String queryParam(String name);

  /** The downstream address ({@code 10.0.0.7} or {@code 10.0.0.7:51234}), or null. */
  String sourceAddress();
}
