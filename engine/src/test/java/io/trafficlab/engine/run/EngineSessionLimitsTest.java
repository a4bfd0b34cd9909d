package io.trafficlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.cases.CaseFile;
import io.trafficlab.engine.cases.CaseLoadResult;
import io.trafficlab.engine.cases.CaseLoader;
import io.trafficlab.engine.cases.CaseRunner;
import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.config.FrontEndResult;
import org.junit.jupiter.api.Test;

/** What a session refuses to open however much a configuration asks for (sockets are finite). */
class EngineSessionLimitsTest {

  @Test
  void onlyTheLowestGatewayPortsGetAListenerAndRequestsToTheOthersSayWhy() {
    StringBuilder servers = new StringBuilder();
    for (int i = 1; i <= EngineSession.MAX_GATEWAY_PORTS + 8; i++) {
      servers.append("        - port: {number: ").append(10000 + i).append(", name: http-").append(i)
          .append(", protocol: HTTP}\n          hosts: [\"*\"]\n");
    }
    int last = 10000 + EngineSession.MAX_GATEWAY_PORTS + 8;
    String yaml = """
        config: |
          apiVersion: networking.istio.io/v1
          kind: Gateway
          metadata: {name: many}
          spec:
            selector: {istio: ingressgateway}
            servers:
        %s  ---
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: web}
          spec:
            hosts: ["*"]
            gateways: [many]
            http: [{route: [{destination: {host: web}}]}]
        topology:
          namespace: default
          gateways:
            - {name: istio-ingressgateway, namespace: istio-system, labels: {istio: ingressgateway}}
          services:
            - {name: web, port: 80, pods: [{labels: {app: web}}]}
        requests:
          - {via: "gateway:10001", host: web.example.com}
          - {via: "gateway:%d", host: web.example.com}
        """.formatted(servers.toString().indent(2), last);
    CaseLoadResult loaded = new CaseLoader().load("ports.yaml", yaml);
    assertThat(loaded.ok()).as(() -> loaded.diagnostics().toString()).isTrue();
    CaseFile c = loaded.caseFile().orElseThrow();
    CaseRunner runner = new CaseRunner(RunOptions.DEFAULT);
    FrontEndResult fr = runner.validate(c);
    assertThat(fr.admissible()).as(() -> fr.diagnostics().toString()).isTrue();

    try (EngineSession s = runner.start(c, fr)) {
      assertThat(s.addresses().gateways()).hasSize(EngineSession.MAX_GATEWAY_PORTS);
      Observation lowest = s.run(c.requests().get(0), "r0").get(0);
      Observation highest = s.run(c.requests().get(1), "r1").get(0);

      assertThat(lowest.status()).isEqualTo(200);
      assertThat(highest.status()).isZero();
      assertThat(highest.route()).isEqualTo("not sent: no listener on gateway port " + last
          + " (trafficlab opens the 32 lowest gateway ports of a configuration, and this is not one of them)");
    }
  }
}
