package io.trafficlab.engine.config.analysis;

import static io.trafficlab.engine.config.analysis.Findings.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.diag.Layer;
import io.trafficlab.engine.config.diag.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RuleOrderChecksTest {

  /** A VirtualService for reviews with the given http rules (each line indented by 2). */
  private static String vs(String http) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
        """ + http.indent(2);
  }

  private static final String R = "  route: [{destination: {host: reviews}}]\n";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("ruleAfterCatchAll",
            "- name: all\n" + R + "- match: [{uri: {prefix: /a}}]\n" + R,
            List.of("warning[IST0130] s.yaml:9:5 spec.http[1]: VirtualService rule #1 not used "
                + "(route without matches defined before). (VirtualService default/reviews)")),
        Arguments.of("twoCatchAlls",
            "-" + R.substring(1) + "-" + R.substring(1),
            List.of("warning[IST0130] s.yaml:8:5 spec.http[1]: VirtualService rule #1 not used "
                + "(only the last rule can have no matches). (VirtualService default/reviews)")),
        Arguments.of("duplicateMatchMakesTheRuleUnreachable",
            "- match: [{headers: {end-user: {exact: jason}}}]\n" + R
                + "- name: again\n  match: [{name: m, headers: {end-user: {exact: jason}}}]\n" + R,
            List.of("warning[IST0130] s.yaml:9:5 spec.http[1]: VirtualService rule \"again\" not "
                    + "used (all matches used by prior rules). (VirtualService default/reviews)",
                "info[IST0131] s.yaml:10:13 spec.http[1].match[0]: VirtualService rule \"again\" "
                    + "match \"m\" is not used (duplicate/overlapping match in rule #0). "
                    + "(VirtualService default/reviews)")),
        Arguments.of("broaderPrefixFirstShadowsExactAndLongerPrefix",
            "- match: [{uri: {prefix: /reviews}}]\n" + R
                + "- match: [{uri: {exact: /reviews/special}}, {uri: {prefix: /reviewsx}}, "
                + "{uri: {prefix: /other}}]\n" + R,
            List.of("info[IST0131] s.yaml:9:13 spec.http[1].match[0]: VirtualService rule #1 match "
                    + "#0 is not used (duplicate/overlapping match in rule #0). "
                    + "(VirtualService default/reviews)",
                "info[IST0131] s.yaml:9:47 spec.http[1].match[1]: VirtualService rule #1 match "
                    + "#1 is not used (duplicate/overlapping match in rule #0). "
                    + "(VirtualService default/reviews)")),
        Arguments.of("headerPresenceCoversAnExactValueWithTheSameUri",
            "- match: [{uri: {prefix: /}, headers: {x-canary: {}}}]\n" + R
                + "- match: [{uri: {prefix: /api}, headers: {x-canary: {exact: 'yes'}}}]\n" + R,
            List.of("warning[IST0130] s.yaml:9:5 spec.http[1]: VirtualService rule #1 not used "
                    + "(all matches used by prior rules). (VirtualService default/reviews)",
                "info[IST0131] s.yaml:9:13 spec.http[1].match[0]: VirtualService rule #1 match #0 "
                    + "is not used (duplicate/overlapping match in rule #0). "
                    + "(VirtualService default/reviews)")),
        Arguments.of("narrowerFirstIsFine",
            "- match: [{uri: {exact: /reviews/special}}]\n" + R
                + "- match: [{uri: {prefix: /reviews}}]\n" + R + "-" + R.substring(1),
            List.of()),
        Arguments.of("differentHeadersDoNotCover",
            "- match: [{uri: {prefix: /a}, headers: {end-user: {exact: jason}}}]\n" + R
                + "- match: [{uri: {prefix: /a/b}}]\n" + R
                + "- match: [{uri: {prefix: /a}, headers: {end-user: {exact: ann}}}]\n" + R,
            List.of()),
        Arguments.of("caseInsensitiveLaterMatchIsNotCoveredByACaseSensitiveOne",
            "- match: [{uri: {prefix: /a}}]\n" + R
                + "- match: [{uri: {prefix: /a/b}, ignoreUriCase: true}]\n" + R,
            List.of()),
        Arguments.of("differentPortsDoNotCover",
            "- match: [{port: 80}]\n" + R + "- match: [{port: 8080}]\n" + R,
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void unreachableRulesAndIneffectiveMatches(String name, String http, List<String> expected) {
    assertThat(lines(vs(http)).stream().filter(l -> !l.contains("[TL3103]")))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void coveredMatchHintSaysTheFirstMatchWins() {
    String http = "- match: [{uri: {prefix: /reviews}}]\n" + R
        + "- match: [{uri: {exact: /reviews/special}}]\n" + R;
    Diagnostic d = Findings.analyze(vs(http), Optional.empty()).stream()
        .filter(x -> x.code().equals("IST0131")).findFirst().orElseThrow();
    assertThat(d.hint()).contains("rule #0 (uri prefix /reviews)").contains("first match wins");
  }

  @Test
  void webhookWarningsAboutUnusedRulesAreNotRepeated() {
    String http = "-" + R.substring(1) + "-" + R.substring(1);
    var result = new ConfigFrontEnd().validate("s.yaml", vs(http), "default", Optional.empty());
    List<Diagnostic> out = new ArrayList<>();
    out.add(new Diagnostic(Severity.WARNING, DiagnosticCode.TL2002.code(),
        "virtualService rule #1 not used (only the last rule can have no matches)", "s.yaml", 8, 5,
        "spec.http[1]", "VirtualService default/reviews", "", Layer.WEBHOOK));
    new Analyzer().analyze(result.config(), Optional.empty(), out);
    assertThat(out).extracting(Diagnostic::code).containsExactly("TL2002");
  }
}
