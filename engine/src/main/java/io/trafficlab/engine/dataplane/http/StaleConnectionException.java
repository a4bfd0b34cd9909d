package io.trafficlab.engine.dataplane.http;

import java.io.IOException;

/**
 * The connection was already closed when a request was to be sent on it: nothing was written, so
 * sending again on a fresh connection is safe.
 */
public final class StaleConnectionException extends IOException {
  private static final long serialVersionUID = 1L;

  public StaleConnectionException() {
    super("connection closed before the request was sent");
  }
}
