package io.trafficlab.engine.config.compile;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.policy.ClusterPolicy;
import io.trafficlab.engine.core.policy.RoutePolicy;
import java.util.Optional;

/**
 * Compiles the resilience parts of validated config into core policy records. PLACEHOLDER: the
 * resilience work fills it in; until then it returns Istio's defaults.
 */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  /** The timeout, retries and fault of one {@code spec.http[i]} rule. */
  public static RoutePolicy route(YamlMap httpRoute) {
    return RoutePolicy.DEFAULT;
  }

  /**
   * The policy in force for a cluster: the DestinationRule spec's trafficPolicy, replaced block by
   * block by the subset's trafficPolicy, and port-level settings replacing the whole policy.
   *
   * @param destinationRuleSpec the DR's spec, or empty when no DestinationRule covers the host
   */
  public static ClusterPolicy cluster(Optional<YamlMap> destinationRuleSpec, Optional<String> subset,
      int port) {
    return ClusterPolicy.DEFAULT;
  }
}
