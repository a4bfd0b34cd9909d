package io.trafficlab.engine.core;

/**
 * Why a response was produced the way it was: Envoy's access-log response flags (short code and
 * meaning as in Envoy {@code docs/root/configuration/observability/access_log/usage.rst}). Every local
 * reply the engine makes carries one, so observations and graders can explain it.
 */
public enum ResponseFlag {
  UH("NoHealthyUpstream", "No healthy upstream hosts in upstream cluster in addition to 503 response code."),
  UF("UpstreamConnectionFailure", "Upstream connection failure in addition to 503 response code."),
  UO("UpstreamOverflow", "Upstream overflow (circuit breaking) in addition to 503 response code."),
  NR("NoRouteFound", "No route configured for a given request in addition to 404 response code, or no matching filter chain for a downstream connection."),
  URX("UpstreamRetryLimitExceeded", "The request was rejected because the upstream retry limit (HTTP) or maximum connect attempts (TCP) was reached."),
  NC("NoClusterFound", "Upstream cluster not found."),
  DT("DurationTimeout", "When a request or connection exceeded max_connection_duration or max_downstream_connection_duration."),
  DC("DownstreamConnectionTermination", "Downstream connection termination."),
  LH("FailedLocalHealthCheck", "Local service failed health check request in addition to 503 response code."),
  UT("UpstreamRequestTimeout", "Upstream request timeout in addition to 504 response code."),
  LR("LocalReset", "Connection local reset in addition to 503 response code."),
  UR("UpstreamRemoteReset", "Upstream remote reset in addition to 503 response code."),
  UC("UpstreamConnectionTermination", "Upstream connection termination in addition to 503 response code."),
  DI("DelayInjected", "The request processing was delayed for a period specified via fault injection."),
  FI("FaultInjected", "The request was aborted with a response code specified via fault injection."),
  RL("RateLimited", "The request was ratelimited locally by the HTTP rate limit filter in addition to 429 response code."),
  UAEX("UnauthorizedExternalService", "The request was denied by the external authorization service."),
  RLSE("RateLimitServiceError", "The request was rejected because there was an error in rate limit service."),
  IH("InvalidEnvoyRequestHeaders", "The request was rejected because it set an invalid value for a strictly-checked header in addition to 400 response code."),
  SI("StreamIdleTimeout", "Stream idle timeout in addition to 408 or 504 response code."),
  DPE("DownstreamProtocolError", "The downstream request had an HTTP protocol error."),
  UPE("UpstreamProtocolError", "The upstream response had an HTTP protocol error."),
  UMSDR("UpstreamMaxStreamDurationReached", "The upstream request reached max stream duration."),
  OM("OverloadManagerTerminated", "Overload Manager terminated the request."),
  DF("DnsResolutionFailed", "The request was terminated due to DNS resolution failure."),
  DO("DropOverload", "The request was terminated in addition to 503 response code due to drop_overloads.");

  private final String longName;
  private final String meaning;

  ResponseFlag(String longName, String meaning) {
    this.longName = longName;
    this.meaning = meaning;
  }

  /** The short code as Envoy logs it ({@code NR}); equal to {@link #name()}. */
  public String code() {
    return name();
  }

  /** Envoy's long name ({@code NoRouteFound}). */
  public String longName() {
    return longName;
  }

  /** What the flag means, from Envoy's documentation. */
  public String meaning() {
    return meaning;
  }
}
