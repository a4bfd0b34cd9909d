package io.trafficlab.engine.config.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delegation of whole VirtualServices and rules, against Istio's tables (pilot/pkg/model/
 * virtualservice_test.go: TestMergeVirtualServices, TestMergeHttpRoutes, TestFuzzMergeHttpRoute)
 * and the rest of mergeVirtualServicesIfNeeded / mergeHTTPRoute read off the source.
 */
class DelegationTest {

  private static String vs(String namespace, String name, String spec) {
    return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + name
        + ", namespace: " + namespace + "}\nspec:\n" + spec.indent(2) + "---\n";
  }

  /** Istio's rootVs: two root matches delegating to default/productpage-vs, then a catch-all. */
  private static final String ROOT = vs("istio-system", "root-vs", """
      hosts: ["*.org"]
      gateways: [gateway]
      http:
      - match: [{uri: {prefix: /productpage}}, {uri: {exact: /login}}]
        delegate: {name: productpage-vs, namespace: default}
      - route: [{destination: {host: example.org, port: {number: 80}}}]
      """);

  /** Istio's createDelegateVs: v1 and v2 by prefix, then v3 for the rest. */
  private static String delegate(String namespace, String exportTo) {
    return vs(namespace, "productpage-vs", exportTo + """
        http:
        - match: [{uri: {prefix: /productpage/v1}}]
          route: [{destination: {host: productpage.org, port: {number: 80}, subset: v1}}]
        - match: [{uri: {prefix: /productpage/v2}}]
          route: [{destination: {host: productpage.org, port: {number: 80}, subset: v2}}]
        - route: [{destination: {host: productpage.org, port: {number: 80}, subset: v3}}]
        """);
  }

  private static final String V1 = "{route: [{destination: {host: productpage.org, port: {number: "
      + "80}, subset: v1}}]}";
  private static final String V2 = V1.replace("v1", "v2");
  private static final String V3 = V1.replace("v1", "v3");
  private static final String EXAMPLE = "{route: [{destination: {host: example.org, port: {number: 80}}}]}";

  /** One line per effective rule: label, match blocks, fields other than match and name. */
  private static List<String> rules(String yaml, String vsName) {
    ConfigSet config = Trees.config(yaml);
    Delegation d = new Delegation(config);
    return d.rules(Trees.vs(config, vsName)).stream().map(DelegationTest::describe).toList();
  }

  static String describe(HttpRule r) {
    YamlMap fields = r.fields();
    String rest = fields.entries().stream()
        .filter(e -> !e.name().equals("match") && !e.name().equals("name"))
        .sorted(java.util.Comparator.comparing(YamlMap.Entry::name))
        .map(e -> e.name() + ": " + Trees.canon(e.value()))
        .collect(Collectors.joining(", ", "{", "}"));
    return r.label(null) + " | " + Trees.canon(r.matches()) + " | " + rest;
  }

  private static String merged(int delegateRule) {
    return "VirtualService istio-system/root-vs http[0] → delegate default/productpage-vs http["
        + delegateRule + "]";
  }

  @Test
  void independentVirtualServiceStandsAsWritten() {
    assertThat(rules(vs("default", "virtual-service", """
        hosts: [example.org]
        http:
        - route: [{destination: {host: example.org, port: {number: 80}}}]
        """), "virtual-service")).containsExactly(
            "VirtualService default/virtual-service http[0] | [] | " + EXAMPLE);
  }

  @Test
  void rootWithoutItsDelegateKeepsOnlyItsOtherRules() {
    ConfigSet config = Trees.config(ROOT);
    Delegation.Expansion e = new Delegation(config).expand(Trees.vs(config, "root-vs"));
    assertThat(e.rules()).extracting(DelegationTest::describe)
        .containsExactly("VirtualService istio-system/root-vs http[1] | [] | " + EXAMPLE);
    assertThat(e.unresolved()).singleElement().satisfies(u -> {
      assertThat(u.target()).isEqualTo("default/productpage-vs");
      assertThat(u.reason()).isEqualTo(Delegation.Reason.NOT_FOUND);
      assertThat(u.rule().index()).isZero();
    });
  }

  @Test
  void delegateAloneRoutesNothingAndIsNotExpanded() {
    ConfigSet config = Trees.config(delegate("default", ""));
    Delegation d = new Delegation(config);
    Resource delegate = Trees.vs(config, "productpage-vs");
    assertThat(Delegation.isDelegate(delegate)).isTrue();
    assertThat(d.delegates()).containsExactly(delegate);
    // Its own rules stand as written: they only ever route through a root.
    assertThat(d.rules(delegate)).allMatch(r -> r.delegated().isEmpty()).hasSize(3);
  }

  @Test
  void rootAndDelegateMergeInPlace() {
    assertThat(rules(ROOT + delegate("default", "exportTo: [istio-system]\n"), "root-vs"))
        .containsExactly(
            merged(0) + " | [{uri: {prefix: /productpage/v1}}] | " + V1,
            merged(1) + " | [{uri: {prefix: /productpage/v2}}] | " + V2,
            merged(2) + " | [{uri: {prefix: /productpage}}, {uri: {exact: /login}}] | " + V3,
            "VirtualService istio-system/root-vs http[1] | [] | " + EXAMPLE);
  }

  @Test
  void conflictingDelegateRuleIsLeftOutAndSaysWhy() {
    String conflicted = vs("default", "productpage-vs", """
        http:
        - match: [{uri: {prefix: /productpage/v1}}]
          route: [{destination: {host: productpage.org, port: {number: 80}, subset: v1}}]
        - match: [{uri: {prefix: /productpage/v2}}]
          route: [{destination: {host: productpage.org, port: {number: 80}, subset: v2}}]
        - match: [{name: mismatch, uri: {prefix: /mis-match/path}}]
          route: [{destination: {host: productpage.org, port: {number: 80}, subset: v3}}]
        """);
    ConfigSet config = Trees.config(ROOT + conflicted);
    Delegation.Expansion e = new Delegation(config).expand(Trees.vs(config, "root-vs"));
    assertThat(e.rules()).extracting(DelegationTest::describe).containsExactly(
        merged(0) + " | [{uri: {prefix: /productpage/v1}}] | " + V1,
        merged(1) + " | [{uri: {prefix: /productpage/v2}}] | " + V2,
        "VirtualService istio-system/root-vs http[1] | [] | " + EXAMPLE);
    assertThat(e.dropped()).singleElement().satisfies(d -> {
      assertThat(d.rootRule()).isZero();
      assertThat(d.rule().index()).isEqualTo(2);
      assertThat(d.match()).isZero();
      assertThat(d.reason()).isEqualTo("root match #0: uri: prefix \"/mis-match/path\" is not "
          + "under the root's prefix \"/productpage\"; root match #1: uri: prefix "
          + "\"/mis-match/path\" cannot narrow the root's exact \"/login\"");
    });
  }

  @Test
  void severalRootRulesDelegateToOneVirtualService() {
    String root = vs("istio-system", "root-vs", """
        hosts: ["*.org"]
        gateways: [gateway]
        http:
        - match: [{uri: {prefix: /productpage}}]
          delegate: {name: productpage-vs, namespace: default}
        - match: [{uri: {prefix: /legacy/path}}]
          rewrite: {uri: /productpage}
          delegate: {name: productpage-vs, namespace: default}
        """);
    String single = vs("default", "productpage-vs", """
        http:
        - route: [{destination: {host: productpage.org, port: {number: 80}, subset: v1}}]
        """);
    assertThat(rules(root + single, "root-vs")).containsExactly(
        merged(0) + " | [{uri: {prefix: /productpage}}] | " + V1,
        "VirtualService istio-system/root-vs http[1] → delegate default/productpage-vs http[0] | "
            + "[{uri: {prefix: /legacy/path}}] | {rewrite: {uri: /productpage}, route: [{destination: "
            + "{host: productpage.org, port: {number: 80}, subset: v1}}]}");
  }

  @Test
  void delegateNamespaceDefaultsToTheRoots() {
    String root = vs("default", "default-vs", """
        hosts: ["*.org"]
        http:
        - match: [{uri: {prefix: /productpage}}, {uri: {exact: /login}}]
          delegate: {name: productpage-vs}
        """);
    assertThat(rules(root + delegate("default", ""), "default-vs")).hasSize(3)
        .allMatch(r -> r.contains("→ delegate default/productpage-vs"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[\".\"]", "[default]", "[other, \"~\"]"})
  void delegateNotExportedToTheRootsNamespaceIsNotUsed(String exportTo) {
    ConfigSet config = Trees.config(ROOT + delegate("default", "exportTo: " + exportTo + "\n"));
    Delegation.Expansion e = new Delegation(config).expand(Trees.vs(config, "root-vs"));
    assertThat(e.rules()).hasSize(1);
    assertThat(e.unresolved()).singleElement()
        .satisfies(u -> assertThat(u.reason()).isEqualTo(Delegation.Reason.NOT_EXPORTED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[\"*\"]", "[istio-system]", "[a, istio-system]"})
  void delegateExportedToTheRootsNamespaceIsUsed(String exportTo) {
    assertThat(rules(ROOT + delegate("default", "exportTo: " + exportTo + "\n"), "root-vs")).hasSize(4);
  }

  @Test
  void exportToDotMeansTheDelegatesOwnNamespace() {
    String root = ROOT.replace("namespace: istio-system", "namespace: default");
    assertThat(rules(root + delegate("default", "exportTo: [\".\"]\n"), "root-vs")).hasSize(4);
  }

  @Test
  void aVirtualServiceWithHostsIsNotADelegate() {
    String target = vs("default", "productpage-vs", """
        hosts: [productpage.org]
        http:
        - route: [{destination: {host: productpage.org}}]
        """);
    ConfigSet config = Trees.config(ROOT + target);
    Delegation.Expansion e = new Delegation(config).expand(Trees.vs(config, "root-vs"));
    assertThat(e.rules()).hasSize(1);
    assertThat(e.unresolved()).singleElement().satisfies(u -> {
      assertThat(u.reason()).isEqualTo(Delegation.Reason.NOT_A_DELEGATE);
      assertThat(u.found()).contains(Trees.vs(config, "productpage-vs"));
    });
  }

  @Test
  void rootCatchAllLendsTimeoutAndHeadersToEveryDelegateRule() {
    // TestMergeHttpRoutes "root catch all"
    String root = vs("default", "root", """
        hosts: [productpage.org]
        http:
        - timeout: 10s
          headers: {request: {add: {istio: test}, remove: [trace-id]}}
          delegate: {name: delegate}
        """);
    String delegate = vs("default", "delegate", """
        http:
        - match: [{uri: {prefix: /productpage/v1}, headers: {version: {exact: v1}}}]
          route: [{destination: {host: productpage.org, port: {number: 80}, subset: v1}}]
        - match: [{uri: {prefix: /productpage/v2}, headers: {version: {exact: v2}}},
                  {headers: {version: {exact: v2}}, queryParams: {version: {exact: v2}}}]
          route: [{destination: {host: productpage.org, port: {number: 80}, subset: v2}}]
        """);
    String inherited = "headers: {request: {add: {istio: test}, remove: [trace-id]}}, ";
    assertThat(rules(root + delegate, "root")).containsExactly(
        "VirtualService default/root http[0] → delegate default/delegate http[0] | "
            + "[{headers: {version: {exact: v1}}, uri: {prefix: /productpage/v1}}] | {" + inherited
            + V1.substring(1, V1.length() - 1) + ", timeout: 10s}",
        "VirtualService default/root http[0] → delegate default/delegate http[1] | "
            + "[{headers: {version: {exact: v2}}, uri: {prefix: /productpage/v2}}, "
            + "{headers: {version: {exact: v2}}, queryParams: {version: {exact: v2}}}] | {"
            + inherited + V2.substring(1, V2.length() - 1) + ", timeout: 10s}");
  }

  @Test
  void delegateWithoutMatchTakesTheRootsMatches() {
    // TestMergeHttpRoutes "delegate with empty match"
    String root = vs("default", "root", """
        hosts: [productpage.org]
        http:
        - match: [{uri: {prefix: /productpage}, port: 8080}]
          delegate: {name: delegate}
        """);
    String delegate = vs("default", "delegate", """
        http:
        - match: [{uri: {prefix: /productpage/v1}, headers: {version: {exact: v1}}}]
          route: [{destination: {host: productpage.org, port: {number: 80}, subset: v1}}]
        - match: [{uri: {prefix: /productpage/v2}, headers: {version: {exact: v2}}},
                  {headers: {version: {exact: v2}}, queryParams: {version: {exact: v2}}}]
          route: [{destination: {host: productpage.org, port: {number: 80}, subset: v2}}]
        - route: [{destination: {host: productpage.org, port: {number: 80}, subset: v3}}]
        """);
    assertThat(rules(root + delegate, "root")).extracting(s -> s.split(" \\| ")[1]).containsExactly(
        "[{headers: {version: {exact: v1}}, port: 8080, uri: {prefix: /productpage/v1}}]",
        "[{headers: {version: {exact: v2}}, port: 8080, uri: {prefix: /productpage/v2}}, "
            + "{headers: {version: {exact: v2}}, port: 8080, queryParams: {version: {exact: v2}}, "
            + "uri: {prefix: /productpage}}]",
        "[{port: 8080, uri: {prefix: /productpage}}]");
  }

  private static final String ALL_INHERITED = """
      rewrite: {uri: /r}
      directResponse: {status: 418}
      timeout: 3s
      retries: {attempts: 2}
      fault: {abort: {httpStatus: 500, percentage: {value: 1}}}
      mirror: {host: shadow}
      mirrorPercent: 5
      mirrorPercentage: {value: 5}
      corsPolicy: {allowOrigins: [{exact: a.org}]}
      mirrors: [{destination: {host: shadow2}}]
      headers: {request: {set: {x: root}}}
      """;

  private static HttpRule mergeOne(String rootFields, String delegateFields) {
    String root = vs("istio-system", "root", "hosts: [a.org]\nhttp:\n- name: r\n"
        + (rootFields + "delegate: {name: d, namespace: team}\n").indent(2));
    String delegate = vs("team", "d", "http:\n- "
        + (delegateFields + "route: [{destination: {host: a}}]\n").indent(2).substring(2));
    ConfigSet config = Trees.config(root + delegate);
    return new Delegation(config).rules(Trees.vs(config, "root")).get(0);
  }

  @Test
  void everyInheritableFieldComesFromTheRootWhenTheDelegateLeavesItUnset() {
    // TestFuzzMergeHttpRoute: an empty delegate rule merged into a root rule is the root rule.
    HttpRule r = mergeOne(ALL_INHERITED, "");
    assertThat(r.delegated().orElseThrow().inherited())
        .containsExactlyInAnyOrderElementsOf(RouteMerge.INHERITED);
    for (YamlMap.Entry e : Trees.map(ALL_INHERITED).entries()) {
      assertThat(Trees.canon(r.fields().get(e.name()))).as(e.name()).isEqualTo(Trees.canon(e.value()));
    }
    assertThat(r.name()).contains("r");
    assertThat(r.namespaceOf("route")).isEqualTo("team");
    assertThat(r.namespaceOf("mirror")).isEqualTo("istio-system");
    assertThat(r.namespaceOf("mirrors")).isEqualTo("istio-system");
  }

  @Test
  void aFieldTheDelegateSetsIsItsOwnWhole() {
    String own = """
        rewrite: {authority: d.org}
        timeout: 1s
        headers: {response: {set: {y: delegate}}}
        mirrors: [{destination: {host: own-shadow}}]
        """;
    HttpRule r = mergeOne(ALL_INHERITED, own);
    assertThat(r.delegated().orElseThrow().inherited()).doesNotContain("rewrite", "timeout",
        "headers", "mirrors").contains("mirror", "fault", "retries");
    assertThat(Trees.canon(r.fields().get("headers"))).isEqualTo("{response: {set: {y: delegate}}}");
    assertThat(Trees.canon(r.fields().get("rewrite"))).isEqualTo("{authority: d.org}");
    assertThat(r.namespaceOf("mirrors")).isEqualTo("team");
    assertThat(r.namespaceOf("mirror")).isEqualTo("istio-system");
  }

  @Test
  void unsetMeansAbsentNullOrAnEmptyListWhateverTheFieldIsCalled() {
    HttpRule r = mergeOne("cors_policy: {allowOrigins: [{exact: a.org}]}\nmirrors: [{destination: {host: s}}]\n"
        + "timeout: 2s\n", "mirrors: []\ntimeout: null\ndirect_response: {status: 204}\n");
    assertThat(r.delegated().orElseThrow().inherited())
        .containsExactlyInAnyOrder("corsPolicy", "mirrors", "timeout");
    assertThat(r.fields().has("corsPolicy")).isTrue();
    // The delegate's own direct_response stays as written; camelCase lookups find it too.
    assertThat(r.fields().has("direct_response")).isTrue();
    assertThat(r.fields().get("directResponse")).isSameAs(r.fields().get("direct_response"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"r|d|r-d", "r||r", "|d|d", "||"})
  void routeNamesJoinAsIstioJoinsThem(String spec) {
    String[] p = spec.split("\\|", -1);
    String root = vs("default", "root", "hosts: [a.org]\nhttp:\n- "
        + (p[0].isEmpty() ? "" : "name: " + p[0] + "\n  ") + "delegate: {name: d}\n");
    String delegate = vs("default", "d", "http:\n- "
        + (p[1].isEmpty() ? "" : "name: " + p[1] + "\n  ") + "route: [{destination: {host: a}}]\n");
    ConfigSet config = Trees.config(root + delegate);
    HttpRule r = new Delegation(config).rules(Trees.vs(config, "root")).get(0);
    assertThat(r.name().orElse("")).isEqualTo(p[2]);
  }

  @Test
  void labelsNameBothRulesAndTheMatchBlocksWhereARuleHasSeveral() {
    String root = vs("istio-system", "root", """
        hosts: [a.org]
        http:
        - name: api
          match: [{uri: {prefix: /a}}, {uri: {prefix: /b}}]
          delegate: {name: d, namespace: team}
        """);
    String delegate = vs("team", "d", """
        http:
        - name: v2
          match: [{headers: {x: {exact: "1"}}}, {headers: {y: {exact: "1"}}}]
          route: [{destination: {host: a}}]
        - route: [{destination: {host: a}}]
        """);
    ConfigSet config = Trees.config(root + delegate);
    List<HttpRule> rules = new Delegation(config).rules(Trees.vs(config, "root"));
    HttpRule first = rules.get(0);
    assertThat(first.matches()).hasSize(4);
    assertThat(first.matches().stream().map(first::label).toList()).containsExactly(
        "VirtualService istio-system/root http[0].match[0] → delegate team/d http[0].match[0] \"api-v2\"",
        "VirtualService istio-system/root http[0].match[1] → delegate team/d http[0].match[0] \"api-v2\"",
        "VirtualService istio-system/root http[0].match[0] → delegate team/d http[0].match[1] \"api-v2\"",
        "VirtualService istio-system/root http[0].match[1] → delegate team/d http[0].match[1] \"api-v2\"");
    HttpRule second = rules.get(1);
    assertThat(second.matches().stream().map(second::label).toList()).containsExactly(
        "VirtualService istio-system/root http[0].match[0] → delegate team/d http[1] \"api\"",
        "VirtualService istio-system/root http[0].match[1] → delegate team/d http[1] \"api\"");
  }

  @Test
  void aDelegateRuleThatDelegatesIsNotFollowed() {
    // The webhook rejects it (TL2211); delegation is one level deep whatever reaches routing.
    String root = vs("default", "root", "hosts: [a.org]\nhttp:\n- delegate: {name: d1}\n");
    String d1 = vs("default", "d1", "http:\n- delegate: {name: d2}\n");
    String d2 = vs("default", "d2", "http:\n- route: [{destination: {host: a}}]\n");
    ConfigSet config = Trees.config(root + d1 + d2);
    List<HttpRule> rules = new Delegation(config).rules(Trees.vs(config, "root"));
    assertThat(rules).singleElement().satisfies(r -> {
      assertThat(r.delegated().orElseThrow().delegate().name()).isEqualTo("d1");
      assertThat(r.fields().has("route")).isFalse();
      assertThat(r.fields().has("delegate")).isTrue();
    });
  }

  @Test
  void thousandsOfBlocksOnBothSidesStayWithinTheBudget() {
    StringBuilder root = new StringBuilder("hosts: [a.org]\nhttp:\n- match: [");
    for (int i = 0; i < 2000; i++) {
      root.append(i == 0 ? "" : ", ").append("{uri: {prefix: /p").append(i).append("}}");
    }
    root.append("]\n  delegate: {name: d}\n");
    StringBuilder delegate = new StringBuilder("http:\n");
    for (int i = 0; i < 2000; i++) {
      delegate.append("- match: [{headers: {h: {exact: \"").append(i).append("\"}}}]\n")
          .append("  route: [{destination: {host: a}}]\n");
    }
    ConfigSet config = Trees.config(vs("default", "root", root.toString())
        + vs("default", "d", delegate.toString()));
    long start = System.nanoTime();
    Delegation.Expansion e = new Delegation(config).expand(Trees.vs(config, "root"));
    // Generous bound: this guards against the quadratic blow-up, not for speed.
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(10));
    assertThat(e.rules()).hasSize(Delegation.MAX_MATCH_PAIRS / 2000);
    assertThat(e.dropped()).hasSize(2000 - Delegation.MAX_MATCH_PAIRS / 2000);
  }

  @Test
  void hostileMergesStopAtTheBudget() {
    StringBuilder rootMatches = new StringBuilder();
    StringBuilder leafMatches = new StringBuilder();
    for (int i = 0; i < 90; i++) {
      rootMatches.append(i == 0 ? "" : ", ").append("{uri: {prefix: /p").append(i).append("}}");
      leafMatches.append(i == 0 ? "" : ", ").append("{headers: {h").append(i).append(": {}}}");
    }
    String root = vs("default", "root", "hosts: [a.org]\nhttp:\n- match: [" + rootMatches
        + "]\n  delegate: {name: d}\n");
    String delegate = vs("default", "d", "http:\n- match: [" + leafMatches
        + "]\n  route: [{destination: {host: a}}]\n- match: [" + leafMatches
        + "]\n  route: [{destination: {host: a}}]\n");
    ConfigSet config = Trees.config(root + delegate);
    Delegation.Expansion e = new Delegation(config).expand(Trees.vs(config, "root"));
    assertThat(e.rules()).singleElement()
        .satisfies(r -> assertThat(r.matches()).hasSize(90 * 90));
    assertThat(e.dropped()).singleElement().satisfies(d -> {
      assertThat(d.match()).isEqualTo(-1);
      assertThat(d.reason()).contains("at most " + Delegation.MAX_MATCH_PAIRS);
    });
  }
}
