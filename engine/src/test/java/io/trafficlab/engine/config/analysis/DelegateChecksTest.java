package io.trafficlab.engine.config.analysis;

import static io.trafficlab.engine.config.analysis.Findings.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TL3105-TL3109: what pilot drops silently when it merges delegates, with positions. */
class DelegateChecksTest {

  private static String vs(String namespace, String name, String spec) {
    return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: " + name
        + "\n  namespace: " + namespace + "\nspec:\n" + spec.indent(2);
  }

  private static final String ROOT = vs("default", "root", """
      hosts: [reviews]
      http:
      - match: [{uri: {prefix: /api}}]
        delegate:
          name: api
          namespace: team
      - route: [{destination: {host: reviews}}]
      """);

  private static final String API = vs("team", "api", """
      http:
      - match: [{uri: {prefix: /api/v1}}]
        route: [{destination: {host: reviews.default.svc.cluster.local}}]
      """);

  private static List<String> delegation(String yaml) {
    return lines(yaml).stream().filter(l -> l.matches("\\w+\\[TL310[5-9]].*")).toList();
  }

  @Test
  void aWorkingDelegationSaysNothing() {
    assertThat(delegation(ROOT + "---\n" + API)).isEmpty();
  }

  @Test
  void missingDelegateIsReportedAtItsNameWithTheDelegatesThatExist() {
    String other = vs("team", "other", "http:\n- route: [{destination: {host: reviews}}]\n");
    List<Diagnostic> found = Findings.analyze(ROOT + "---\n" + other, Optional.empty()).stream()
        .filter(d -> d.code().equals("TL3105")).toList();
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.render()).isEqualTo("warning[TL3105] s.yaml:11:13 spec.http[0].delegate.name: "
          + "delegate VirtualService \"team/api\" not found: Istio drops rule #0, so the requests it "
          + "matches go on to the next rules or get 404 (NR) (VirtualService default/root)");
      assertThat(d.hint()).contains("namespace defaults to this VirtualService's (default)")
          .endsWith("Delegates in this config: team/other");
    });
  }

  @Test
  void aVirtualServiceWithHostsIsNotADelegate() {
    String hosted = vs("team", "api", "hosts: [api]\nhttp:\n- route: [{destination: {host: reviews}}]\n");
    assertThat(delegation(ROOT + "---\n" + hosted)).containsExactly(
        "warning[TL3106] s.yaml:11:13 spec.http[0].delegate.name: VirtualService \"team/api\" has "
            + "hosts, so it is not a delegate: Istio drops rule #0, so the requests it matches go on "
            + "to the next rules or get 404 (NR) (VirtualService default/root)");
  }

  @Test
  void delegateNotExportedToTheRootsNamespace() {
    String hidden = API.replace("spec:\n", "spec:\n  exportTo: [\".\"]\n");
    List<Diagnostic> found = Findings.analyze(ROOT + "---\n" + hidden, Optional.empty()).stream()
        .filter(d -> d.code().equals("TL3107")).toList();
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.render()).isEqualTo("warning[TL3107] s.yaml:10:5 spec.http[0].delegate: "
          + "delegate VirtualService \"team/api\" is not exported to namespace default (exportTo "
          + "[.]): Istio drops rule #0, so the requests it matches go on to the next rules or get "
          + "404 (NR) (VirtualService default/root)");
      assertThat(d.hint()).isEqualTo("add \"default\" (or \"*\") to the exportTo of team/api");
    });
  }

  @Test
  void aDelegateRuleOutsideTheRootsMatchIsReportedAtItsMatch() {
    String api = vs("team", "api", """
        http:
        - match: [{uri: {prefix: /api/v1}}]
          route: [{destination: {host: reviews.default.svc.cluster.local}}]
        - name: legacy
          match:
          - uri: {prefix: /api/v2}
          - uri: {prefix: /legacy}
          route: [{destination: {host: reviews.default.svc.cluster.local}}]
        """);
    List<Diagnostic> found = Findings.analyze(ROOT + "---\n" + api, Optional.empty()).stream()
        .filter(d -> d.code().equals("TL3108")).toList();
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.render()).isEqualTo("warning[TL3108] s.yaml:27:7 spec.http[1].match[1]: rule "
          + "\"legacy\" is left out where VirtualService default/root http[0] delegates to this "
          + "VirtualService: its match #1 narrows no match of that rule (uri: prefix \"/legacy\" is "
          + "not under the root's prefix \"/api\") (VirtualService team/api)");
      assertThat(d.hint()).startsWith("Istio merges a delegate rule only when each of its match "
          + "blocks narrows a block of the root rule");
    });
  }

  @Test
  void mergesPastTheBudgetAreReportedAtTheRule() {
    StringBuilder root = new StringBuilder();
    StringBuilder leaf = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      root.append(i == 0 ? "" : ", ").append("{uri: {prefix: /p").append(i).append("}}");
      leaf.append(i == 0 ? "" : ", ").append("{headers: {h").append(i).append(": {}}}");
    }
    String yaml = vs("default", "root", "hosts: [reviews]\nhttp:\n- match: [" + root
        + "]\n  delegate: {name: d}\n") + "---\n" + vs("default", "d", "http:\n- match: [" + leaf
        + "]\n  route: [{destination: {host: reviews}}]\n");
    assertThat(delegation(yaml)).singleElement().asString()
        .startsWith("warning[TL3108] s.yaml:19:5 spec.http[0]: rule #0 is left out where "
            + "VirtualService default/root http[0] delegates to this VirtualService: trafficlab "
            + "pairs at most 10000 root and delegate match blocks");
  }

  @Test
  void aDelegateNoRootUsesRoutesNothing() {
    String unused = vs("team", "unused", "http:\n- route: [{destination: {host: reviews}}]\n");
    assertThat(delegation(ROOT + "---\n" + API + "---\n" + unused)).containsExactly(
        "warning[TL3109] s.yaml:28:9 metadata.name: this VirtualService has no hosts, so it is a "
            + "delegate, and no VirtualService delegates to it: it routes nothing "
            + "(VirtualService team/unused)");
  }

  @Test
  void delegatesAloneMayBeUsedByRootsElsewhere() {
    assertThat(delegation(API)).isEmpty();
  }

  @Test
  void aMissingDelegateIsOneFindingNotTwo() {
    // The root most likely meant the delegate that exists: TL3105 lists it, no TL3109 on top.
    String typo = vs("team", "apis", "http:\n- route: [{destination: {host: reviews}}]\n");
    assertThat(delegation(ROOT + "---\n" + typo)).extracting(l -> l.substring(0, 16))
        .containsExactly("warning[TL3105] ");
  }

  @Test
  void noCatchAllIsJudgedOnTheMergedRules() {
    String root = vs("default", "root", "hosts: [reviews]\nhttp:\n- delegate: {name: api, namespace: team}\n");
    assertThat(lines(root + "---\n" + API)).anyMatch(l -> l.startsWith("info[TL3103]"));
    String withDefault = API + "  - route: [{destination: {host: reviews.default.svc.cluster.local}}]\n";
    assertThat(lines(root + "---\n" + withDefault)).noneMatch(l -> l.startsWith("info[TL3103]"));
    // an unusable delegate is TL3105's to report; no TL3103 echo
    assertThat(lines(root)).noneMatch(l -> l.startsWith("info[TL3103]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "hosts: [r]\nhttp: [{delegate: 5}, {delegate: ~}, {delegate: {name: [x], namespace: {a: b}}}]",
      "hosts: [r]\nhttp: [{match: 3, delegate: {name: d}}, {match: [~, 5, {uri: 7}], delegate: {name: d}}]",
      "hosts: [r]\nhttp: [{match: [{gateways: 5, headers: [x], port: x}], delegate: {name: d}}]",
      "hosts: [r]\nhttp: [{match: [{uri: {prefix: /a}, gateways: [\"g.\", \"a/\"]}], delegate: {name: d},"
          + " mirror: 5, mirrors: x, headers: ~}]",
  })
  void oddDelegationsNeverThrow(String rootSpec) {
    String delegate = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: d}\n"
        + "spec:\n  exportTo: [~, 5]\n  http: [~, {match: [{uri: {regex: 5}, headers: {x: ~},"
        + " sourceLabels: {a: [b]}, gateways: [~, \".x\"]}], route: 5}, {match: {a: b}}]\n";
    String yaml = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v}\n"
        + "spec:\n" + rootSpec.indent(2) + "---\n" + delegate;
    assertThat(Findings.analyzeRaw(yaml, Findings.bookinfo())).noneMatch(d -> d.code().equals("IST0001"));
  }
}
