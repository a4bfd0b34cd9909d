package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.webhook.WebhookFixture.doc;
import static io.trafficlab.engine.config.webhook.WebhookFixture.webhook;
import static io.trafficlab.engine.config.webhook.WebhookFixture.webhookAlone;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validator's own contract: webhook layer only, never throws (even on trees the schema layer would
 * have rejected), nothing for non-Istio kinds.
 */
class WebhookValidatorTest {

  @ParameterizedTest
  @ValueSource(strings = {"Gateway", "VirtualService", "DestinationRule"})
  void fieldsOfTheWrongShapeAreSkippedNotThrownOn(String kind) {
    String spec = """
        servers: "x"
        hosts: 5
        gateways: {a: b}
        host: [reviews]
        http:
        - 7
        - ~
        - route: "x"
          match: [1, {headers: [a], uri: "x", queryParams: 3, port: abc, sourceLabels: [x]}]
          retries: [1]
          fault: {abort: 5, delay: [1]}
          timeout: {a: 1}
          mirrors: [~, 1, {destination: 2}]
          headers: {request: {set: [1], add: "x", remove: {a: b}}}
          corsPolicy: {allowOrigins: "x", allowMethods: {a: 1}, maxAge: [1]}
        - route: [~, 3, {destination: {host: {a: b}, port: 9080, subset: [1]}, weight: "heavy"}]
          redirect: {redirectCode: "x", port: [1]}
          rewrite: {uriRegexRewrite: "x"}
        tcp: [1, {match: [~], route: {a: 1}}]
        tls: [{match: [{sniHosts: {a: 1}}]}]
        trafficPolicy:
          connectionPool: {tcp: 1, http: [1]}
          outlierDetection: {maxEjectionPercent: lots, consecutiveLocalOriginFailures: {value: x}}
          loadBalancer: {consistentHash: {maglev: {tableSize: big}, httpCookie: 1}}
          tls: [1]
          portLevelSettings: [1, ~, {port: 1}]
        subsets: [1, ~, {name: [v1], labels: [1], trafficPolicy: 4}]
        workloadSelector: {matchLabels: [1]}
        """;
    List<Diagnostic> found = webhookAlone(doc(kind, "odd", spec));
    assertThat(found).isNotEmpty().noneMatch(d -> d.code().equals("TL2999"));
    assertThat(found).allMatch(d -> d.layer() == Layer.WEBHOOK && d.code().startsWith("TL2"));
  }

  @Test
  void kubernetesObjectsAreNotCheckedHere() {
    assertThat(webhook("""
        apiVersion: v1
        kind: Service
        metadata:
          name: reviews
        spec:
          ports: [{port: 9080}]
        """)).isEmpty();
  }

  @Test
  void everyFindingNamesItsResourceAndCarriesAHint() {
    List<Diagnostic> found = webhook(doc("VirtualService", "reviews", """
        hosts: ["*"]
        http:
        - route:
          - destination: {host: "*", subset: v1.0}
            weight: -1
          retries: {retryOn: bogus}
          timeout: 1500us
        """));
    assertThat(found).hasSizeGreaterThanOrEqualTo(6);
    assertThat(found).allSatisfy(d -> {
      assertThat(d.resource()).isEqualTo("VirtualService default/reviews");
      assertThat(d.hint()).isNotBlank();
      assertThat(d.line()).isPositive();
      assertThat(d.path()).startsWith("spec.");
    });
  }
}
