package io.trafficlab.engine.dataplane.proxy;

import java.util.List;

/**
 * What one traced request went through at its first proxy: the facts an observation needs that the
 * response alone does not carry.
 *
 * @param flags            Envoy response flags in the order they arose ({@code DI}, {@code URX})
 * @param route            the route explanation with what happened after it (faults, retries,
 *                         ejections, timeouts), e.g. {@code VirtualService default/reviews http[0] →
 *                         reviews.default v2 (weight 10/100); retry 1/2 after 503, backoff 12ms}
 * @param upstreamAttempts requests actually sent to pods (0 when none was reached)
 * @param subset           the DestinationRule subset of the chosen route, or null
 * @param upstreamBody     the whole body of the pod's response that was returned, or null when the
 *                         reply did not come from a pod
 * @param mirrors          mirror copies sent
 */
public record ExchangeTrace(List<String> flags, String route, int upstreamAttempts, String subset,
    byte[] upstreamBody, List<MirrorSent> mirrors) {

  public ExchangeTrace {
    flags = List.copyOf(flags);
    mirrors = List.copyOf(mirrors);
  }

  /** A mirror copy: where it went. */
  public record MirrorSent(String service, String namespace, String subset, String pod, String path) {}
}
