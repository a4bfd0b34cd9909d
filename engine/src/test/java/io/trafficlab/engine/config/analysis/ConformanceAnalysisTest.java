package io.trafficlab.engine.config.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Severity;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared conformance samples and Bookinfo cases, validated against their own topologies. */
class ConformanceAnalysisTest {

  static Stream<String> cases() {
    return Stream.of("conformance", "bookinfo").flatMap(dir -> {
      File[] files = new File("src/test/resources/" + dir).listFiles((d, n) -> n.endsWith(".yaml"));
      return Arrays.stream(files == null ? new File[0] : files).map(f -> dir + "/" + f.getName());
    }).sorted();
  }

  private static List<Diagnostic> analyze(CaseFile.Case c) {
    return Findings.analysisOf(c.config(), c.topology());
  }

  @Test
  void allCasesAreFound() {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyCodeTheCaseExpectsFromIstioctlIsReported(String path) {
    CaseFile.Case c = CaseFile.resource(path);
    List<String> codes = analyze(c).stream().map(Diagnostic::code).toList();
    assertThat(codes).containsAll(c.analyzer()).doesNotContain("IST0001");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void casesThatExpectNoIstioctlErrorGetNoAnalysisError(String path) {
    CaseFile.Case c = CaseFile.resource(path);
    if (c.analyzer().isEmpty()) {
      assertThat(analyze(c)).noneMatch(d -> d.severity() == Severity.ERROR);
    }
  }

  @Test
  void undefinedSubsetIsReportedWithIstioText() {
    CaseFile.Case c = CaseFile.resource("conformance/route-subset-not-defined-503.yaml");
    assertThat(analyze(c)).extracting(Diagnostic::render).containsExactly("error[IST0101] "
        + "s.yaml:12:17 spec.http[0].route[0].destination.subset: Referenced "
        + "host+subset in destinationrule not found: \"reviews+v3\" (VirtualService default/reviews)");
  }

  @Test
  void virtualServicesWithoutDestinationRuleReportEveryMissingSubset() {
    CaseFile.Case c = CaseFile.resource(
        "bookinfo/bookinfo-istioctl-describe-vs-without-destination-rule.yaml");
    assertThat(analyze(c)).filteredOn(d -> d.code().equals("IST0101")).extracting(Diagnostic::message)
        .containsExactly(
            "Referenced host+subset in destinationrule not found: \"productpage+v1\"",
            "Referenced host+subset in destinationrule not found: \"reviews+v1\"",
            "Referenced host+subset in destinationrule not found: \"ratings+v1\"",
            "Referenced host+subset in destinationrule not found: \"details+v1\"");
    assertThat(analyze(c)).extracting(Diagnostic::code).contains("IST0140");
  }

  @Test
  void bookinfoWithoutTopologyHasNoFindings() {
    CaseFile.Case c = CaseFile.resource("conformance/validate-bookinfo-valid.yaml");
    assertThat(c.topology()).isEmpty();
    assertThat(analyze(c)).isEmpty();
  }

  @Test
  void rulesAfterACatchAllAreUnreachable() {
    CaseFile.Case c = CaseFile.resource("bookinfo/bookinfo-fault-injection-details-abort-555.yaml");
    assertThat(analyze(c)).extracting(Diagnostic::message)
        .containsExactly("VirtualService rule #1 not used (only the last rule can have no matches).");
  }

  @Test
  void gatewayWithoutBoundVirtualServiceIsExplained() {
    CaseFile.Case c = CaseFile.resource("conformance/route-gateway-vs-not-bound-404.yaml");
    assertThat(analyze(c)).extracting(Diagnostic::code).containsExactly("TL3104");
  }

  @Test
  void broaderPrefixBeforeExactIsExplained() {
    CaseFile.Case c = CaseFile.resource("conformance/match-order-prefix-before-exact.yaml");
    assertThat(analyze(c)).extracting(Diagnostic::code).containsExactly("IST0130", "IST0131");
  }
}
