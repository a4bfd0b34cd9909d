package io.trafficlab.engine.core.route;

/**
 * Why a request got its decision, for observations and traces.
 *
 * @param listener {@code gateway:80} or {@code sidecar (mesh) :9080}
 * @param virtualHost the virtual host that served the Host header ({@code bookinfo.example.com},
 *     {@code reviews.default.svc.cluster.local:9080}), or a note that none did
 * @param route the DESIGN §4 {@code route} text:
 *     {@code VirtualService default/reviews http[0] → reviews.default v2 (weight 10/100)}
 */
public record Explanation(String listener, String virtualHost, String route) {

  @Override
  public String toString() {
    return listener + " › " + virtualHost + " › " + route;
  }
}
