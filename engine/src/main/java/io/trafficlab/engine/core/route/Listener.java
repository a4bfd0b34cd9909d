package io.trafficlab.engine.core.route;

import java.util.Map;

/** Where a request entered the mesh: an ingress gateway port or the sidecar of a client workload. */
public sealed interface Listener permits Listener.Gateway, Listener.Sidecar {

  /** The ingress gateway's listener on {@code port} (a Gateway server port number). */
  record Gateway(int port) implements Listener {
    @Override
    public String toString() {
      return "gateway:" + port;
    }
  }

  /**
   * The outbound listener of a client's sidecar.
   *
   * @param port the destination port the client dialled, or 0 when unknown (then the port in the
   *     Host header, else the service's first port, is used)
   */
  record Sidecar(String namespace, Map<String, String> labels, int port) implements Listener {
    public Sidecar {
      labels = Map.copyOf(labels);
    }

    public Sidecar(String namespace, Map<String, String> labels) {
      this(namespace, labels, 0);
    }

    @Override
    public String toString() {
      return "sidecar " + namespace + "/" + labels;
    }
  }
}
