package io.trafficlab.engine.config.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Match merging against Istio's own tables (pilot/pkg/model/virtualservice_test.go: TestHasConflict,
 * TestMergeHTTPMatchRequests), then the cases of hasConflict/stringMatchConflict those tables leave
 * out, read off the source.
 */
class MatchMergeTest {

  private static Optional<String> conflict(String root, String leaf) {
    HttpRule.Match r = Trees.rootMatches("[" + root + "]", "default").get(0);
    HttpRule.Match l = Trees.delegateMatches("[" + leaf + "]", "default").get(0);
    return MatchMerge.conflict(r, l);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      istio: regex uri                     | {uri: {regex: ^/productpage}}          | {uri: {prefix: /productpage/v2}}      | true
      istio: match uri (prefix)            | {uri: {prefix: /productpage}}          | {uri: {prefix: /productpage/v2}}      | false
      istio: mismatch uri                  | {uri: {prefix: /productpage/v2}}       | {uri: {prefix: /productpage}}         | true
      istio: match uri (exact)             | {uri: {prefix: /productpage/v2}}       | {uri: {exact: /productpage/v2}}       | false
      istio: headers not equal             | {headers: {header: {exact: h1}}}       | {headers: {header: {exact: h2}}}      | true
      istio: headers equal                 | {headers: {header: {exact: h1}}}       | {headers: {header: {exact: h1}}}      | false
      istio: headers match                 | {headers: {header: {prefix: h1}}}      | {headers: {header: {exact: h1-v1}}}   | false
      istio: headers mismatch              | {headers: {header: {prefix: h1}}}      | {headers: {header: {exact: h2}}}      | true
      istio: headers prefix mismatch       | {headers: {header: {prefix: h1}}}      | {headers: {header: {prefix: h2}}}     | true
      istio: diff headers                  | {headers: {header: {exact: h1}}}       | {headers: {header-2: {exact: h2}}}    | false
      istio: withoutHeaders mismatch       | {withoutHeaders: {header: {prefix: h1}}} | {withoutHeaders: {header: {exact: h2}}} | true
      istio: port (root unset)             | {}                                     | {port: 8080}                          | false
      istio: port (delegate unset)         | {port: 8080}                           | {}                                    | false
      istio: port differs                  | {port: 8080}                           | {port: 8090}                          | true
      istio: sourceLabels mismatch         | {sourceLabels: {a: b}}                 | {sourceLabels: {a: c}}                | true
      istio: sourceNamespace mismatch      | {sourceNamespace: test1}               | {sourceNamespace: test2}              | true
      istio: root has less gateways        | {gateways: [ingress-gateway]}          | {gateways: [ingress-gateway, mesh]}   | true
      regex in the delegate only           | {}                                     | {uri: {regex: /a.*}}                  | false
      regex in the delegate, root prefix   | {uri: {prefix: /a}}                    | {uri: {regex: /a.*}}                  | true
      regex on both sides, equal           | {uri: {regex: /a.*}}                   | {uri: {regex: /a.*}}                  | true
      root exact, delegate prefix          | {uri: {exact: /a}}                     | {uri: {prefix: /a}}                   | true
      root exact, delegate exact equal     | {uri: {exact: /a}}                     | {uri: {exact: /a}}                    | false
      root prefix, delegate presence       | {headers: {x: {prefix: a}}}            | {headers: {x: {}}}                    | true
      root presence, delegate exact        | {headers: {x: {}}}                     | {headers: {x: {exact: a}}}            | true
      root exact, delegate presence        | {headers: {x: {exact: a}}}             | {headers: {x: {}}}                    | true
      header only in the root              | {headers: {x: {exact: a}}}             | {uri: {prefix: /a}}                   | false
      query parameter narrowed             | {queryParams: {v: {prefix: a}}}        | {queryParams: {v: {exact: ab}}}       | false
      query parameter outside              | {queryParams: {v: {prefix: a}}}        | {queryParams: {v: {exact: b}}}        | true
      header names compare as written      | {headers: {X: {exact: a}}}             | {headers: {x: {exact: b}}}            | false
      method and authority                 | {method: {exact: GET}, authority: {prefix: a.}} | {authority: {exact: a.example.com}} | false
      scheme differs                       | {scheme: {exact: http}}                | {scheme: {exact: https}}              | true
      ignoreUriCase on one side only       | {uri: {prefix: /a}, ignoreUriCase: true} | {uri: {prefix: /a/b}}               | true
      ignoreUriCase on both sides          | {uri: {prefix: /a}, ignoreUriCase: true} | {uri: {prefix: /a/b}, ignoreUriCase: true} | false
      sourceNamespace not repeated         | {sourceNamespace: test1}               | {}                                    | true
      sourceNamespace only in the delegate | {}                                     | {sourceNamespace: test1}              | false
      sourceLabels added                   | {sourceLabels: {a: b}}                 | {sourceLabels: {a: b, c: d}}          | false
      gateways among the root's            | {gateways: [gw, mesh]}                 | {gateways: [mesh]}                    | false
      gateway not among the root's         | {gateways: [gw, mesh]}                 | {gateways: [other]}                   | true
      gateways qualified before comparing  | {gateways: [default/gw]}               | {gateways: [gw]}                      | false
      empty strings count as unset         | {uri: {prefix: ""}}                    | {uri: {exact: /x}}                    | true
      proto field names                    | {query_params: {v: {exact: a}}}        | {query_params: {v: {exact: b}}}       | true
      """)
  void hasConflictAsIstio(String name, String root, String leaf, boolean expected) {
    assertThat(conflict(root, leaf)).as(name).matches(c -> c.isPresent() == expected, "conflict=" + expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {uri: {prefix: /productpage}}     | {uri: {exact: /reviews}}           | uri: exact "/reviews" is not under the root's prefix "/productpage"
      {uri: {exact: /a}}                | {uri: {prefix: /a}}                | uri: prefix "/a" cannot narrow the root's exact "/a"
      {uri: {regex: /a.*}}              | {uri: {prefix: /a}}                | uri: the root matches it by regex "/a.*", which a delegate cannot narrow
      {uri: {prefix: /a}}               | {uri: {regex: /a.*}}               | uri: regex "/a.*" cannot be checked against the root's prefix "/a"
      {headers: {x: {}}}                | {headers: {x: {exact: a}}}         | header x: the delegate's exact "a" cannot be combined with the root's any value ({})
      {port: 8080}                      | {port: 9090}                       | port 9090 is not the root's port 8080
      {sourceNamespace: a}              | {}                                 | sourceNamespace: the root requires "a" and the delegate does not repeat it
      {gateways: [gw]}                  | {gateways: [mesh]}                 | gateway mesh is not among the root's [default/gw]
      {ignoreUriCase: true}             | {}                                 | ignoreUriCase is true in the root's match and false in the delegate's
      """)
  void aConflictSaysWhy(String root, String leaf, String reason) {
    assertThat(conflict(root, leaf)).contains(reason);
  }

  private static String merge(String root, String delegate) {
    MatchMerge.Result r = MatchMerge.merge(Trees.rootMatches(root, "default"),
        Trees.delegateMatches(delegate, "default"));
    return r.conflict() ? "conflict" : Trees.canon(r.matches());
  }

  private static String canon(String matches) {
    return Trees.canon(Trees.rootMatches(matches, "default"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      url match                | [{uri: {prefix: /productpage}}]                                 | [{uri: {exact: /productpage/v1}}]                                  | [{uri: {exact: /productpage/v1}}]
      multi url match          | [{uri: {prefix: /productpage}}, {uri: {prefix: /reviews}}]      | [{uri: {exact: /productpage/v1}}, {uri: {exact: /reviews/v1}}]     | [{uri: {exact: /productpage/v1}}, {uri: {exact: /reviews/v1}}]
      url mismatch             | [{uri: {prefix: /productpage}}]                                 | [{uri: {exact: /reviews}}]                                         | conflict
      one delegate match off   | [{uri: {prefix: /productpage}}]                                 | [{uri: {exact: /productpage/v1}}, {uri: {exact: /reviews}}]        | conflict
      headers, no delegate     | [{headers: {header: {exact: h1}}}]                              | []                                                                 | [{headers: {header: {exact: h1}}}]
      headers conflict         | [{headers: {header: {exact: h1}}}]                              | [{headers: {header: {exact: h2}}}]                                 | conflict
      headers joined           | [{headers: {header: {exact: h1}}}]                              | [{headers: {header-2: {exact: h2}}}]                               | [{headers: {header: {exact: h1}, header-2: {exact: h2}}}]
      complicated merge        | [{uri: {prefix: /productpage}, headers: {header: {exact: h1}}, port: 8080, authority: {exact: productpage.com}}] | [{uri: {exact: /productpage/v1}}, {uri: {exact: /productpage/v2}}] | [{authority: {exact: productpage.com}, headers: {header: {exact: h1}}, port: 8080, uri: {exact: /productpage/v1}}, {authority: {exact: productpage.com}, headers: {header: {exact: h1}}, port: 8080, uri: {exact: /productpage/v2}}]
      conflicted merge         | [{uri: {prefix: /productpage}, headers: {header: {exact: h1}}, port: 8080, authority: {exact: productpage.com}}] | [{uri: {exact: /productpage/v1}}, {uri: {exact: /productpage/v2}, port: 9090}] | conflict
      gateway merge            | [{uri: {prefix: /productpage}, gateways: [ingress-gateway, mesh]}] | [{uri: {exact: /productpage/v1}, gateways: [ingress-gateway]}, {uri: {exact: /productpage/v2}, gateways: [mesh]}] | [{gateways: [ingress-gateway], uri: {exact: /productpage/v1}}, {gateways: [mesh], uri: {exact: /productpage/v2}}]
      gateway conflicted merge | [{uri: {prefix: /productpage}, gateways: [ingress-gateway]}]    | [{uri: {exact: /productpage/v1}, gateways: [ingress-gateway]}, {uri: {exact: /productpage/v2}, gateways: [mesh]}] | conflict
      source labels merge      | [{sourceLabels: {app: test}}]                                   | [{sourceLabels: {version: v1}}]                                    | [{sourceLabels: {app: test, version: v1}}]
      no root match            | []                                                              | [{uri: {exact: /a}, name: d}]                                      | [{name: d, uri: {exact: /a}}]
      root x delegate          | [{uri: {prefix: /a}}, {uri: {prefix: /b}}]                      | [{headers: {x: {exact: "1"}}}]                                     | [{headers: {x: {exact: 1}}, uri: {prefix: /a}}, {headers: {x: {exact: 1}}, uri: {prefix: /b}}]
      conflicting pair skipped | [{uri: {prefix: /a}}, {uri: {exact: /login}}]                   | [{uri: {prefix: /a/v1}}]                                           | [{uri: {prefix: /a/v1}}]
      names joined             | [{name: r, uri: {prefix: /a}}]                                  | [{name: d}, {uri: {prefix: /a/b}}]                                 | [{name: r-d, uri: {prefix: /a}}, {name: r, uri: {prefix: /a/b}}]
      delegate value wins      | [{headers: {x: {prefix: a}, y: {exact: root}}}]                 | [{headers: {x: {exact: ab}}}]                                      | [{headers: {x: {exact: ab}, y: {exact: root}}}]
      root fills the rest      | [{port: 80, sourceNamespace: ns, statPrefix: s, scheme: {exact: http}, method: {exact: GET}, withoutHeaders: {z: {}}, queryParams: {q: {exact: "1"}}}] | [{sourceNamespace: ns, queryParams: {p: {exact: "2"}}}] | [{method: {exact: GET}, port: 80, queryParams: {p: {exact: 2}, q: {exact: 1}}, scheme: {exact: http}, sourceNamespace: ns, statPrefix: s, withoutHeaders: {z: {}}}]
      """)
  void mergeHTTPMatchRequestsAsIstio(String name, String root, String delegate, String expected) {
    assertThat(merge(root, delegate)).as(name)
        .isEqualTo(expected.equals("conflict") ? expected : canon(expected));
  }

  @Test
  void protoNamesAreMergedUnderTheirJsonNames() {
    String merged = merge("[{query_params: {a: {exact: x}}, source_namespace: ns}]",
        "[{query_params: {b: {exact: y}}, source_namespace: ns}]");
    assertThat(merged).isEqualTo("[{queryParams: {a: {exact: x}, b: {exact: y}}, sourceNamespace: ns}]");
  }

  @Test
  void aConflictNamesTheDelegateBlockAndEachRootBlock() {
    MatchMerge.Result r = MatchMerge.merge(
        Trees.rootMatches("[{uri: {prefix: /a}}, {uri: {exact: /login}}]", "default"),
        Trees.delegateMatches("[{uri: {prefix: /a/x}}, {uri: {prefix: /b}}]", "default"));
    assertThat(r.conflict()).isTrue();
    assertThat(r.conflictingMatch()).isEqualTo(1);
    assertThat(r.reason()).isEqualTo("root match #0: uri: prefix \"/b\" is not under the root's "
        + "prefix \"/a\"; root match #1: uri: prefix \"/b\" cannot narrow the root's exact \"/login\"");
  }

  @Test
  void mergedBlocksKeepWhereTheyCameFromAndTheResolvedGateways() {
    List<HttpRule.Match> root = Trees.rootMatches(
        "[{uri: {prefix: /a}}, {uri: {prefix: /b}, gateways: [gw]}]", "root-ns");
    List<HttpRule.Match> leaf = Trees.delegateMatches("[{headers: {x: {exact: \"1\"}}}]", "leaf-ns");
    List<HttpRule.Match> merged = MatchMerge.merge(root, leaf).matches();
    assertThat(merged).extracting(HttpRule.Match::rootMatch, HttpRule.Match::delegateMatch,
        HttpRule.Match::gateways).containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 0, List.of()),
            org.assertj.core.groups.Tuple.tuple(1, 0, List.of("root-ns/gw")));
    List<HttpRule.Match> own = Trees.delegateMatches("[{gateways: [gw]}]", "leaf-ns");
    assertThat(MatchMerge.merge(Trees.rootMatches("[{gateways: [leaf-ns/gw, mesh]}]", "root-ns"), own)
        .matches().get(0).gateways()).containsExactly("leaf-ns/gw");
  }
}
