package io.trafficlab.engine.core.route;

import java.util.List;

/** {@code directResponse}: a fixed status and body, decided once at compile time. */
public final class DirectAction implements RouteAction {
  private final RouteDecision.DirectResponse decision;

  public DirectAction(int status, String body, List<HeaderOp> responseHeaderOps,
      Explanation explanation) {
    this.decision = new RouteDecision.DirectResponse(status, body, responseHeaderOps, explanation);
  }

  @Override
  public RouteDecision decide(RequestView req, long random) {
    return decision;
  }
}
