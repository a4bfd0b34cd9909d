package io.trafficlab.engine.dataplane;

/**
 * The SSRF guard's answer: the data plane only ever connects to the topology's synthetic pods;
 * any other destination fails with this, and no socket is opened.
 */
public final class UpstreamRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UpstreamRefusedException(String message) {
    super(message);
  }
}
