package io.trafficlab.engine.core.route;

import io.trafficlab.engine.core.ResponseFlag;
import io.trafficlab.engine.core.policy.RoutePolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What routing decided for one request. The data plane executes it: forwards, answers a redirect or
 * a direct response, or sends a local reply with its response flag. Every decision explains itself.
 */
public sealed interface RouteDecision permits RouteDecision.Forward, RouteDecision.Redirect,
    RouteDecision.DirectResponse, RouteDecision.LocalReply {

  Explanation explanation();

  /**
   * Forward upstream to {@code cluster} (which has at least one endpoint).
   *
   * @param path the path to send, rewritten when the route rewrites it (query kept)
   * @param authority the Host to send (rewritten or as received)
   * @param requestHeaderOps to apply to the upstream request, in order
   * @param responseHeaderOps to apply to the response sent downstream, in order
   * @param mirrors the mirror copies to send for this request (percentages already rolled)
   * @param policy timeout, retries and fault of the chosen rule
   */
  record Forward(Cluster cluster, String path, String authority, List<HeaderOp> requestHeaderOps,
      List<HeaderOp> responseHeaderOps, List<Mirror> mirrors, RoutePolicy policy,
      Explanation explanation) implements RouteDecision {
    public Forward {
      Objects.requireNonNull(cluster, "cluster");
      requestHeaderOps = List.copyOf(requestHeaderOps);
      responseHeaderOps = List.copyOf(responseHeaderOps);
      mirrors = List.copyOf(mirrors);
      Objects.requireNonNull(policy, "policy");
    }

    /** The DestinationRule subset the route chose, or null. */
    public String subset() {
      return cluster.subset().orElse(null);
    }
  }

  /** Answer {@code status} (301, 302, 303, 307 or 308) with a {@code Location} header. */
  record Redirect(int status, String location, Explanation explanation) implements RouteDecision {}

  /** Answer {@code status} with {@code body} ({@code directResponse}). */
  record DirectResponse(int status, String body, List<HeaderOp> responseHeaderOps,
      Explanation explanation) implements RouteDecision {
    public DirectResponse {
      responseHeaderOps = List.copyOf(responseHeaderOps);
    }
  }

  /**
   * A reply the proxy makes itself: 404 NR (no route), 503 NC (cluster not found), 503 UH (no
   * endpoint).
   *
   * @param policy the chosen rule's policy when the reply comes after route selection (NC, UH): the
   *     fault filter runs before the router, so a configured abort or delay still applies first
   */
  record LocalReply(int status, ResponseFlag flag, String body, Optional<RoutePolicy> policy,
      Explanation explanation) implements RouteDecision {
    public LocalReply {
      Objects.requireNonNull(flag, "flag");
      Objects.requireNonNull(policy, "policy");
    }
  }

  /** A mirror copy: sent best-effort to {@code cluster}; its response is ignored. */
  record Mirror(Cluster cluster, double percent) {}
}
