package io.trafficlab.engine.config.analysis;

import static io.trafficlab.engine.config.analysis.Findings.lines;
import static io.trafficlab.engine.config.analysis.Findings.linesWithTopology;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VirtualServiceChecksTest {

  private static String vs(String name, String extraSpec, String http) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: %s
        spec:
          hosts: [reviews]
        %s  http:
        """.formatted(name, extraSpec) + http.indent(2);
  }

  private static final String ROUTE = "- route: [{destination: {host: reviews}}]\n";

  @Test
  void twoMeshVirtualServicesForOneHostConflict() {
    String yaml = vs("a", "", ROUTE) + "---\n"
        + vs("b", "", ROUTE).replace("[reviews]", "[reviews.default.svc.cluster.local]");
    assertThat(lines(yaml)).containsExactly(
        "error[IST0109] s.yaml:4:9 metadata.name: The VirtualServices default/a,default/b "
            + "associated with mesh gateway define the same host reviews.default.svc.cluster.local "
            + "which can lead to undefined behavior. This can be fixed by merging the conflicting "
            + "VirtualServices into a single resource. (VirtualService default/a)",
        "error[IST0109] s.yaml:13:9 metadata.name: The VirtualServices default/a,default/b "
            + "associated with mesh gateway define the same host reviews.default.svc.cluster.local "
            + "which can lead to undefined behavior. This can be fixed by merging the conflicting "
            + "VirtualServices into a single resource. (VirtualService default/b)");
  }

  @Test
  void gatewayOnlyVirtualServiceDoesNotConflictWithTheMeshOne() {
    String yaml = vs("a", "", ROUTE) + "---\n" + vs("b", "  gateways: [istio-system/web]\n", ROUTE);
    assertThat(lines(yaml)).noneMatch(l -> l.contains("IST0109"));
  }

  @Test
  void headerKeyWithCapitalsIsAWarningAtTheKey() {
    String http = "- match: [{headers: {End-User: {exact: jason}}}]\n  route: "
        + "[{destination: {host: reviews}}]\n" + ROUTE;
    Diagnostic d = Findings.analyze(vs("r", "", http), Optional.empty()).get(0);
    assertThat(d.render()).isEqualTo("warning[TL3101] s.yaml:8:24 "
        + "spec.http[0].match[0].headers.End-User: header name \"End-User\" is not lower-case: "
        + "the VirtualService API documents header keys in lower case, write \"end-user\" (it "
        + "still matches: Envoy lower-cases configured header names) (VirtualService default/r)");
    assertThat(d.hint()).startsWith("write `end-user:` as the API documents")
        .contains("`End-User` matches a request header `end-user`")
        .doesNotContain("never");
  }

  @Test
  void deprecatedDelayPercentIsIst0002AtTheKeyWithTheRewrite() {
    String http = "- fault: {delay: {fixedDelay: 1s, percent: 10}}\n  route: "
        + "[{destination: {host: reviews}}]\n";
    Diagnostic d = Findings.analyze(vs("r", "", http), Optional.empty()).get(0);
    assertThat(d.render()).isEqualTo("warning[IST0002] s.yaml:8:37 spec.http[0].fault.delay.percent: "
        + "Deprecated: HTTPRoute.fault.delay.percent is deprecated; use "
        + "HTTPRoute.fault.delay.percentage (VirtualService default/r)");
    assertThat(d.hint()).startsWith("write percentage: {value: 10} instead");
  }

  @Test
  void zeroDelayPercentIsNotReportedAsIstioDoes() {
    String http = "- fault: {delay: {fixedDelay: 1s, percent: 0}}\n  route: "
        + "[{destination: {host: reviews}}]\n";
    assertThat(lines(vs("r", "", http))).noneMatch(l -> l.contains("IST0002"));
  }

  @Test
  void withoutHeadersKeysAreCheckedToo() {
    String http = "- match: [{withoutHeaders: {X-Free: {}}}]\n  route: "
        + "[{destination: {host: reviews}}]\n" + ROUTE;
    assertThat(lines(vs("r", "", http))).singleElement().asString().contains("TL3101")
        .contains("\"X-Free\"");
  }

  @Test
  void weightOnTheOnlyDestinationIsIgnored() {
    String http = "- route: [{destination: {host: reviews}, weight: 50}]\n";
    assertThat(lines(vs("r", "", http))).containsExactly("warning[TL3102] s.yaml:8:52 "
        + "spec.http[0].route[0].weight: weight 50 is ignored: the only destination of a route "
        + "gets all of its traffic (VirtualService default/r)");
    assertThat(lines(vs("r", "", "- route: [{destination: {host: reviews}, weight: 100}]\n")))
        .isEmpty();
  }

  @Test
  void meshVirtualServiceWithoutCatchAllTellsThatOtherRequestsGet404() {
    String http = "- match: [{headers: {end-user: {exact: jason}}}]\n  route: "
        + "[{destination: {host: reviews}}]\n";
    Diagnostic d = Findings.analyze(vs("r", "", http), Optional.empty()).get(0);
    assertThat(d.render()).isEqualTo("info[TL3103] s.yaml:8:3 spec.http: no rule of this "
        + "VirtualService is a catch-all: requests for reviews that match no rule get 404 (NR) "
        + "(VirtualService default/r)");
    assertThat(d.hint()).contains("add a last rule without match");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "- match: [{uri: {prefix: /}}]\n  route: [{destination: {host: reviews}}]\n",
      "- match: [{name: everything}]\n  route: [{destination: {host: reviews}}]\n",
      "- match: [{uri: {exact: /a}}, {}]\n  route: [{destination: {host: reviews}}]\n",
  })
  void catchAllMatchesCountAsDefaultRoutes(String http) {
    assertThat(lines(vs("r", "", http))).isEmpty();
  }

  @Test
  void gatewayVirtualServiceWithoutCatchAllIsIntended() {
    String http = "- match: [{uri: {prefix: /status}}]\n  route: [{destination: {host: reviews}}]\n";
    String yaml = vs("r", "  gateways: [istio-system/web]\n", http);
    assertThat(lines(yaml)).noneMatch(l -> l.contains("TL3103"));
  }

  @Test
  void catchAllAdviceNeedsAServiceHostWhenTheTopologyIsKnown() {
    String http = "- match: [{uri: {prefix: /a}}]\n  route: [{destination: {host: reviews}}]\n";
    String external = vs("r", "", http).replace("[reviews]", "[api.example.com]");
    assertThat(linesWithTopology(external)).noneMatch(l -> l.contains("TL3103"));
    assertThat(linesWithTopology(vs("r", "", http))).anyMatch(l -> l.contains("TL3103"));
  }
}
