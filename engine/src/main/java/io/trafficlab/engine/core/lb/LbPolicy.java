package io.trafficlab.engine.core.lb;

/** A load-balancing policy (DestinationRule loadBalancer). */
public sealed interface LbPolicy permits LbPolicy.Simple, LbPolicy.ConsistentHash {

  /** LEAST_REQUEST is Istio's default since 1.14. */
  LbPolicy DEFAULT = new Simple(Algorithm.LEAST_REQUEST);

  enum Algorithm { ROUND_ROBIN, LEAST_REQUEST, RANDOM, PASSTHROUGH }

  record Simple(Algorithm algorithm) implements LbPolicy {}

  /** Exactly one key source is set. */
  sealed interface HashKey permits Header, Cookie, QueryParameter, SourceIp {}

  record Header(String name) implements HashKey {}

  record Cookie(String name) implements HashKey {}

  record QueryParameter(String name) implements HashKey {}

  record SourceIp() implements HashKey {}

  record ConsistentHash(HashKey key) implements LbPolicy {}
}
