package io.trafficlab.engine.core.route;

/** What a matched route does: forward, redirect or answer directly. Compiled, immutable. */
public sealed interface RouteAction permits ForwardAction, RedirectAction, DirectAction {

  /** Decides for one request that matched this action's route. */
  RouteDecision decide(RequestView req, long random);
}
