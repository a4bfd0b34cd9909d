package io.trafficlab.engine.core.route;

import java.util.Objects;

/**
 * One Envoy route: a single match block of a VirtualService rule (Istio emits one route per match
 * block) with the rule's action. Entries are evaluated in order; the first whose filter admits the
 * client and whose match block matches wins.
 *
 * @param filter null when the block has no source condition (always, at gateways: there the filter
 *     was evaluated at compile time against the gateway workload)
 */
public record RouteEntry(MatchBlock match, SourceFilter filter, RouteAction action) {
  public RouteEntry {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(action, "action");
  }

  /** Catch-all in Istio's sense, and unconditional for every client. */
  public boolean isCatchAll() {
    return match.isCatchAll();
  }

  boolean admits(Listener listener) {
    if (filter == null) {
      return true;
    }
    return listener instanceof Listener.Sidecar s && filter.admits(s.namespace(), s.labels());
  }
}
