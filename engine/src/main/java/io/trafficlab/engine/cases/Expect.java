package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code expect} of a request (istio-semantics §11): every key is optional. Scalar keys are null
 * when not set, map and list keys are empty when not set, except {@code mirroredTo} which is null
 * when not set (an empty list expects no mirror at all). Header names are lower case.
 *
 * @param statusCounts    for the group of copies of a {@code repeat}/{@code concurrent} request
 * @param upstreamAttempts 0 means no pod was reached
 * @param positions       where each key is written in the case file, by key name
 */
public record Expect(
    String service,
    String namespace,
    String subset,
    Map<String, String> podLabels,
    Integer status,
    List<Integer> statusIn,
    String responseFlag,
    String responseFlagNot,
    String responseFlagFor503,
    String bodyContains,
    String redirect,
    String rewrittenPath,
    String rewrittenAuthority,
    Map<String, String> requestHeaders,
    List<String> requestHeadersAbsent,
    Map<String, String> responseHeaders,
    List<String> responseHeadersAbsent,
    Double minLatencyMs,
    Double maxLatencyMs,
    IntRange upstreamAttempts,
    List<MirrorExpect> mirroredTo,
    Map<Integer, IntRange> statusCounts,
    Map<String, SourcePos> positions) {

  /** The keys of §11, in the order verdicts are reported. */
  public static final List<String> KEYS = List.of("service", "namespace", "subset", "podLabels",
      "status", "statusIn", "responseFlag", "responseFlagNot", "responseFlagFor503", "bodyContains",
      "redirect", "rewrittenPath", "rewrittenAuthority", "requestHeaders", "requestHeadersAbsent",
      "responseHeaders", "responseHeadersAbsent", "minLatencyMs", "maxLatencyMs", "upstreamAttempts",
      "mirroredTo", "statusCounts");

  public static final Expect NONE = new Expect(null, null, null, Map.of(), null, List.of(), null,
      null, null, null, null, null, null, Map.of(), List.of(), Map.of(), List.of(), null, null, null,
      null, Map.of(), Map.of());

  public Expect {
    podLabels = Ordered.copy(podLabels);
    statusIn = List.copyOf(statusIn);
    requestHeaders = Ordered.copy(requestHeaders);
    requestHeadersAbsent = List.copyOf(requestHeadersAbsent);
    responseHeaders = Ordered.copy(responseHeaders);
    responseHeadersAbsent = List.copyOf(responseHeadersAbsent);
    mirroredTo = mirroredTo == null ? null : List.copyOf(mirroredTo);
    statusCounts = Ordered.copy(statusCounts);
    positions = Map.copyOf(positions);
  }

  /** True when nothing is expected. */
  public boolean isEmpty() {
    return this.equals(NONE.withPositions(positions));
  }

  /** Where {@code key} is written, if it is. */
  public Optional<SourcePos> pos(String key) {
    return Optional.ofNullable(positions.get(key));
  }

  private Expect withPositions(Map<String, SourcePos> p) {
    return new Expect(service, namespace, subset, podLabels, status, statusIn, responseFlag,
        responseFlagNot, responseFlagFor503, bodyContains, redirect, rewrittenPath, rewrittenAuthority,
        requestHeaders, requestHeadersAbsent, responseHeaders, responseHeadersAbsent, minLatencyMs,
        maxLatencyMs, upstreamAttempts, mirroredTo, statusCounts, p);
  }

  /**
   * One expected mirror copy; null fields are not compared. Written as a service name or as
   * {@code {service, namespace, subset, pod, path}}.
   */
  public record MirrorExpect(String service, String namespace, String subset, String pod, String path) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(service == null ? "*" : service);
      if (namespace != null) {
        sb.append('.').append(namespace);
      }
      if (subset != null) {
        sb.append(" subset ").append(subset);
      }
      if (pod != null) {
        sb.append(" pod ").append(pod);
      }
      if (path != null) {
        sb.append(" path ").append(path);
      }
      return sb.toString();
    }
  }
}
