package io.trafficlab.engine.config.compile;

import static io.trafficlab.engine.config.compile.RouteCompilerTest.mesh;
import static io.trafficlab.engine.config.compile.RouteCompilerTest.service;
import static io.trafficlab.engine.config.compile.RouteCompilerTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.route.RequestView;
import io.trafficlab.engine.core.route.RouteTable;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Istio decodes specs with protojson, so fields written with their proto names
 * ({@code query_params}, {@code without_headers}, {@code ignore_uri_case}, {@code request}/
 * {@code set} under {@code headers}...) route exactly like their camelCase spelling.
 */
class ProtoFieldNamesRoutingTest {

  private static final String VS = """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: a}
      spec:
        hosts: [a]
        http:
        - match: [{uri: {prefix: /q}, query_params: {user: {exact: jason}}}]
          route: [{destination: {host: b}}]
        - match: [{uri: {prefix: /w}, without_headers: {end-user: {}}}]
          route: [{destination: {host: b}}]
        - match: [{uri: {exact: /case}, ignore_uri_case: true}]
          route: [{destination: {host: b}}]
        - route: [{destination: {host: a}}]
      """;

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource({
      "/q?user=jason, , , b",
      "/q?user=other, , , a",
      "/w, , , b",
      "/w, end-user, jason, a",
      "/CASE, , , b"})
  void protoNamesRouteLikeCamelCase(String path, String header, String value, String expected) {
    RouteTable t = table(VS);
    RequestView r = mesh("a", path);
    if (header != null) {
      r = r.withHeaders(Map.of(header, value));
    }
    assertThat(service(t.route(r, 1))).isEqualTo(expected);
  }
}
