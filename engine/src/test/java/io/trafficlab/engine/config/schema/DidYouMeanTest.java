package io.trafficlab.engine.config.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DidYouMeanTest {

  @Test
  void gatewayApiKindsAreNamedAsSuch() {
    assertThat(DidYouMean.unsupportedKind("HTTPRoute", "gateway.networking.k8s.io/v1"))
        .contains("Kubernetes Gateway API");
    assertThat(DidYouMean.unsupportedKind("VirtualServic", "networking.istio.io/v1"))
        .startsWith("did you mean \"VirtualService\"?");
    assertThat(DidYouMean.unsupportedKind("ServiceEntry", "networking.istio.io/v1"))
        .startsWith("Istio's ServiceEntry is outside");
  }

  @Test
  void badDurationHintsNameTheFix() {
    assertThat(DidYouMean.badDuration("30", "missing unit")).startsWith("add a unit: 30s");
    assertThat(DidYouMean.badDuration("5mins", "unknown unit \"mins\"")).startsWith("write 5m");
    assertThat(DidYouMean.badDuration("2 h", "unknown unit \" h\"")).contains("write 2h");
  }
}
