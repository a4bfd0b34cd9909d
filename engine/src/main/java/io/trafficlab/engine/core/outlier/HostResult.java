package io.trafficlab.engine.core.outlier;

/**
 * The result of one request to one pod, as the outlier detector counts it. In Envoy's default mode
 * (splitExternalLocalOriginErrors off) local-origin failures are folded into HTTP codes: a connect
 * failure counts as 503, a timeout as 504, a reset as 500. Pool overflow (UO) never reaches a pod
 * and is never reported.
 *
 * @param httpCode the code counted
 * @param what     a few words for reasons
 */
public record HostResult(int httpCode, String what) {
  public static final HostResult CONNECT_FAILED = new HostResult(503, "connect failure");
  public static final HostResult TIMEOUT = new HostResult(504, "timeout");
  public static final HostResult RESET = new HostResult(500, "reset");

  public static HostResult status(int code) {
    return new HostResult(code, String.valueOf(code));
  }

  public boolean is5xx() {
    return httpCode >= 500 && httpCode <= 599;
  }

  public boolean isGatewayError() {
    return httpCode == 502 || httpCode == 503 || httpCode == 504;
  }
}
