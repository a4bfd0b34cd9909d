package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code requests[]} (or the request template of a {@code distribution}, whose index
 * is -1). Defaults are already applied: {@code via} mesh, {@code from} a sidecar labelled
 * {@code app: client} in the topology's namespace, scheme http, method GET, path "/", one copy.
 *
 * @param port       the port to send to; null means the service port (mesh) or the gateway port
 * @param repeat     sequential copies (1 when not set); each must satisfy {@code expect}
 * @param concurrent copies in flight together (0 when not set)
 */
public record CaseRequest(
    int index,
    SourcePos pos,
    Via via,
    Client from,
    String host,
    Integer port,
    String scheme,
    String method,
    String path,
    Map<String, String> headers,
    int repeat,
    int concurrent,
    Expect expect) {

  public CaseRequest {
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(host, "host");
    headers = Ordered.copy(headers);
    Objects.requireNonNull(expect, "expect");
  }

  /** How many copies the request stands for. */
  public int copies() {
    return concurrent > 0 ? concurrent : repeat;
  }

  public boolean isConcurrent() {
    return concurrent > 0;
  }

  /** {@code requests[3]}, or {@code distribution} for the template; used in verdicts. */
  public String label() {
    return index < 0 ? "distribution" : "requests[" + index + "]";
  }

  /** Where the request enters the mesh: a client sidecar or an ingress gateway port. */
  public record Via(Kind kind, int gatewayPort) {
    public enum Kind { MESH, GATEWAY }

    public static final Via MESH = new Via(Kind.MESH, 0);

    public static Via gateway(int port) {
      return new Via(Kind.GATEWAY, port);
    }

    public boolean isMesh() {
      return kind == Kind.MESH;
    }

    /** {@code mesh} or {@code gateway:8080}, as written in case files. */
    @Override
    public String toString() {
      return isMesh() ? "mesh" : "gateway:" + gatewayPort;
    }
  }

  /** The client workload a mesh request starts from (its sidecar applies the routes). */
  public record Client(String namespace, Map<String, String> labels) {
    public Client {
      Objects.requireNonNull(namespace, "namespace");
      labels = Ordered.copy(labels);
    }

    public static Client defaultIn(String namespace) {
      return new Client(namespace, Map.of("app", "client"));
    }
  }
}
