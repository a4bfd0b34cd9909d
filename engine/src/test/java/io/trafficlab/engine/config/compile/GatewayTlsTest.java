package io.trafficlab.engine.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.core.topology.GatewayWorkload;
import io.trafficlab.engine.core.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayTlsTest {
  private static final Topology TOPOLOGY = new Topology("default", List.of(new GatewayWorkload(
      "ingress", "istio-system", Map.of("istio", "ingressgateway"))), List.of());

  @Test
  void onlyTerminatingHttpsServersOfSelectedGatewaysAreListedByPort() {
    String yaml = """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: [a.example.com]
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: [a.example.com]
            tls: {mode: SIMPLE, credentialName: a-cert}
          - port: {number: 443, name: https-b, protocol: HTTPS}
            hosts: [b.example.com]
            tls: {mode: MUTUAL, credentialName: b-cert}
          - port: {number: 8443, name: tls, protocol: HTTPS}
            hosts: [c.example.com]
            tls: {mode: PASSTHROUGH}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: elsewhere}
        spec:
          selector: {istio: egressgateway}
          servers:
          - port: {number: 9443, name: https, protocol: HTTPS}
            hosts: [d.example.com]
            tls: {mode: SIMPLE, credentialName: d-cert}
        """;
    var config = new ConfigFrontEnd().validate("gw.yaml", yaml, "default", Optional.of(TOPOLOGY))
        .config();

    var servers = GatewayTls.servers(config, TOPOLOGY);

    assertThat(servers).containsOnlyKeys(443);
    assertThat(servers.get(443)).containsExactly(
        new GatewayTls.Termination("a-cert", List.of("a.example.com")),
        new GatewayTls.Termination("b-cert", List.of("b.example.com")));
  }
}
