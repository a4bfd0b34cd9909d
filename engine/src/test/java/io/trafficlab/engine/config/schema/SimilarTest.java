package io.trafficlab.engine.config.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimilarTest {

  @ParameterizedTest
  @CsvSource({
      "consecutive_5xx_errors, consecutive5xxErrors",
      "http1_max_pending_requests, http1MaxPendingRequests",
      "mirror_percent, mirrorPercent",
      "use_source_ip, useSourceIp",
      "_leading, leading"})
  void protoNamesBecomeJsonNames(String snake, String camel) {
    assertThat(Similar.snakeToCamel(snake)).isEqualTo(camel);
  }

  @ParameterizedTest
  @CsvSource({"hots, hosts", "timout, timeout", "gateway, gateways", "retires, retries",
      "subet, subset", "maxConnection, maxConnections"})
  void closeTyposFindTheirField(String typo, String field) {
    List<String> fields = List.of("hosts", "gateways", "timeout", "retries", "subset",
        "maxConnections", "http", "tcp", "tls");
    assertThat(Similar.closest(typo, fields)).containsExactly(field);
  }

  @Test
  void unrelatedWordsFindNothing() {
    assertThat(Similar.closest("circuitBreaker", IstioSchema.TRAFFIC_POLICY.fieldNames()))
        .isEmpty();
    assertThat(Similar.closest("ab", List.of("tls", "tcp"))).isEmpty();
  }
}
