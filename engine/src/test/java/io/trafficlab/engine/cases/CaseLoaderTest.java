package io.trafficlab.engine.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CaseLoaderTest {

  private static final Path RESOURCES = Path.of("src/test/resources");
  private final CaseLoader loader = new CaseLoader();

  static Stream<Path> samples() throws IOException {
    try (Stream<Path> conf = Files.list(RESOURCES.resolve("conformance"));
        Stream<Path> book = Files.list(RESOURCES.resolve("bookinfo"))) {
      return Stream.concat(conf.toList().stream(), book.toList().stream())
          .filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  private CaseLoadResult loadFile(Path p) throws IOException {
    return loader.load(p.getFileName().toString(), Files.readAllBytes(p));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySampleLoadsWithoutDiagnostics(Path sample) throws IOException {
    CaseLoadResult r = loadFile(sample);

    assertThat(r.diagnostics()).extracting(Diagnostic::render).isEmpty();
    CaseFile c = r.caseFile().orElseThrow();
    assertThat(c.name()).isEqualTo(sample.getFileName().toString().replace(".yaml", ""));
    assertThat(c.configOrigin().exact()).as("config origin").isEqualTo(!c.config().isEmpty());
    YamlLoadResult config = c.loadConfig();
    assertThat(config.diagnostics()).extracting(Diagnostic::render).isEmpty();
    assertThat(c.requests().size() + c.distribution().stream().count()
        + c.validation().stream().count()).isPositive();
  }

  @Test
  void configPositionsPointIntoTheCaseFile() throws IOException {
    Path p = RESOURCES.resolve("conformance/validate-weight-negative.yaml");
    List<String> lines = Files.readAllLines(p);
    int line = lines.indexOf("        weight: -10") + 1;

    YamlLoadResult config = loadFile(p).caseFile().orElseThrow().loadConfig();

    YamlMap vs = (YamlMap) config.documents().get(0).root();
    YamlMap http0 = (YamlMap) vs.map("spec").orElseThrow().seq("http").orElseThrow().get(0);
    YamlNode weight = ((YamlMap) http0.seq("route").orElseThrow().get(1)).get("weight");
    assertThat(line).isPositive();
    assertThat(weight.pos().file()).isEqualTo("validate-weight-negative.yaml");
    assertThat(weight.pos().line()).isEqualTo(line);
    assertThat(weight.pos().column()).isEqualTo(lines.get(line - 1).indexOf("-10") + 1);
    assertThat(weight.path()).isEqualTo("spec.http[0].route[1].weight");
  }

  @Test
  void configPositionsSurviveCrlfAndAnIndentationIndicator() {
    String text = "name: x\r\nconfig: |2\r\n    # note\r\n  kind: A\r\n  spec: {}\r\nrequests: []\r\n";

    CaseFile c = loader.load("x.yaml", text).caseFile().orElseThrow();

    YamlMap root = (YamlMap) c.loadConfig().documents().get(0).root();
    assertThat(root.get("spec").pos().line()).isEqualTo(5);
    assertThat(root.get("spec").pos().column()).isEqualTo(9);
  }

  @Test
  void quotedConfigIsReadButPositionsAreApproximate() {
    CaseLoadResult r = loader.load("x.yaml", "config: \"kind: A\\nspec: {}\"\nrequests: []\n");

    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("TL4010");
    YamlLoadResult cfg = r.caseFile().orElseThrow().loadConfig();
    assertThat(((YamlMap) cfg.documents().get(0).root()).get("spec").pos().line()).isEqualTo(1);
  }

  @Test
  void podsAreNamedAfterServiceAndVersionInFileOrder() throws IOException {
    CaseFile c = loadFile(RESOURCES.resolve("bookinfo/bookinfo-example-reviews-round-robin.yaml"))
        .caseFile().orElseThrow();

    Topology t = c.toTopology();

    assertThat(t.allPods()).extracting(PodDef::name).containsExactly("productpage-v1-0",
        "details-v1-0", "reviews-v1-0", "reviews-v2-0", "reviews-v3-0", "ratings-v1-0");
    assertThat(t.gateways()).singleElement().satisfies(g -> {
      assertThat(g.namespace()).isEqualTo("istio-system");
      assertThat(g.labels()).containsEntry("istio", "ingressgateway");
    });
    PodDef productpage = t.allPods().get(0);
    assertThat(productpage.behavior().calls()).hasSize(2);
    assertThat(t.services().get(0).ports()).singleElement()
        .satisfies(p -> assertThat(p.number()).isEqualTo(9080));
  }

  @Test
  void podsWithoutVersionAndRepeatedVersionsGetDistinctNames() {
    CaseFile c = loader.load("x.yaml", """
        topology:
          namespace: shop
          services:
          - {name: web, port: 80, pods: [{labels: {app: web}}, {labels: {app: web}}, {labels: {version: v1}}, {labels: {version: v1}}]}
          - {name: web, namespace: other, port: 80, pods: [{labels: {version: v1}}]}
        """).caseFile().orElseThrow();

    assertThat(c.toTopology().allPods()).extracting(PodDef::name, PodDef::namespace).containsExactly(
        org.assertj.core.groups.Tuple.tuple("web-pod-0", "shop"),
        org.assertj.core.groups.Tuple.tuple("web-pod-1", "shop"),
        org.assertj.core.groups.Tuple.tuple("web-v1-0", "shop"),
        org.assertj.core.groups.Tuple.tuple("web-v1-1", "shop"),
        org.assertj.core.groups.Tuple.tuple("web-v1-2", "other"));
  }

  @Test
  void requestDefaultsAreApplied() {
    CaseFile c = loader.load("x.yaml", """
        topology: {namespace: shop}
        requests:
        - host: reviews
        """).caseFile().orElseThrow();

    CaseRequest r = c.requests().get(0);
    assertThat(r.via()).isEqualTo(CaseRequest.Via.MESH);
    assertThat(r.from()).isEqualTo(new CaseRequest.Client("shop", Map.of("app", "client")));
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.scheme()).isEqualTo("http");
    assertThat(r.path()).isEqualTo("/");
    assertThat(r.port()).isNull();
    assertThat(r.copies()).isEqualTo(1);
    assertThat(r.expect().isEmpty()).isTrue();
  }

  @Test
  void expectKeysAreRead() {
    CaseFile c = loader.load("x.yaml", """
        requests:
        - host: reviews
          concurrent: 3
          headers: {End-User: jason}
          expect:
            status: 200
            statusIn: [200, 503]
            subset: v2
            podLabels: {version: v2}
            responseFlagFor503: UO
            upstreamAttempts: {min: 1, max: 3}
            statusCounts: {"200": 1, "503": {min: 1}}
            requestHeaders: {End-User: jason}
            responseHeadersAbsent: [X-Debug]
            mirroredTo: [reviews, {service: ratings, subset: v2}]
            minLatencyMs: 0.5
        """).caseFile().orElseThrow();

    CaseRequest r = c.requests().get(0);
    Expect e = r.expect();
    assertThat(r.isConcurrent()).isTrue();
    assertThat(r.headers()).containsEntry("End-User", "jason");
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.statusIn()).containsExactly(200, 503);
    assertThat(e.upstreamAttempts()).isEqualTo(new IntRange(1, 3));
    assertThat(e.statusCounts()).containsEntry(200, IntRange.exactly(1))
        .containsEntry(503, IntRange.atLeast(1));
    assertThat(e.requestHeaders()).containsEntry("end-user", "jason");
    assertThat(e.responseHeadersAbsent()).containsExactly("x-debug");
    assertThat(e.mirroredTo()).containsExactly(
        new Expect.MirrorExpect("reviews", null, null, null, null),
        new Expect.MirrorExpect("ratings", null, "v2", null, null));
    assertThat(e.minLatencyMs()).isEqualTo(0.5);
    assertThat(e.pos("subset")).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(8));
  }

  @Test
  void distributionAndValidationAreRead() throws IOException {
    CaseFile c = loadFile(RESOURCES.resolve("bookinfo/bookinfo-example-reviews-round-robin.yaml"))
        .caseFile().orElseThrow();
    Distribution d = c.distribution().orElseThrow();
    assertThat(d.requests()).isEqualTo(6000);
    assertThat(d.by()).isEqualTo("version");
    assertThat(d.byPodLabel()).isTrue();
    assertThat(d.tolerance()).isEqualTo(0.04);
    assertThat(d.template().from().labels()).containsEntry("app", "productpage");

    ValidationSpec v = loadFile(RESOURCES.resolve("conformance/validate-circuitbreaker-unknown-field.yaml"))
        .caseFile().orElseThrow().validation().orElseThrow();
    assertThat(v.valid()).isFalse();
    assertThat(v.layer()).isEqualTo("schema");
    assertThat(v.errorContains()).containsExactly("circuitBreaker");
    assertThat(v.didYouMean()).containsExactly("connectionPool", "outlierDetection");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown top key with suggestion  | requets: []                                                 | TL4002 | requets                       | 1 | did you mean "requests"?
      unknown expect key               | requests: [{host: a, expect: {subsett: v1}}]               | TL4002 | requests[0].expect.subsett     | 1 | did you mean "subset"?
      unknown request key              | requests: [{host: a, header: {a: b}}]                      | TL4002 | requests[0].header             | 1 | did you mean "headers"?
      bad via                          | requests: [{via: ingress, host: a}]                        | TL4005 | requests[0].via                | 1 | via: gateway:80
      gateway port out of range        | requests: [{via: 'gateway:99999', host: a}]                | TL4005 | requests[0].via                | 1 | gateway:80
      missing host                     | requests: [{via: mesh, path: /}]                           | TL4004 | requests[0]                    | 1 | add host
      negative repeat                  | requests: [{host: a, repeat: -1}]                          | TL4006 | requests[0].repeat             | 1 | from 1 to 10000
      absurd repeat                    | requests: [{host: a, repeat: 100000000}]                   | TL4006 | requests[0].repeat             | 1 | from 1 to 10000
      huge repeat                      | requests: [{host: a, repeat: 99999999999999999999999}]     | TL4006 | requests[0].repeat             | 1 | from 1 to 10000
      repeat as text                   | requests: [{host: a, repeat: many}]                        | TL4003 | requests[0].repeat             | 1 | ''
      repeat and concurrent            | requests: [{host: a, repeat: 2, concurrent: 2}]            | TL4007 | requests[0].concurrent         | 1 | one request per round
      absurd distribution              | distribution: {requests: 5000000, host: a, by: subset, expect: {v1: 1}} | TL4006 | distribution.requests | 1 | from 1 to 100000
      distribution without by          | distribution: {requests: 10, host: a, expect: {v1: 1}}    | TL4004 | distribution                   | 1 | by: subset
      share above one                  | distribution: {requests: 10, host: a, by: subset, expect: {v1: 2}} | TL4006 | distribution.expect.v1 | 1 | from 0 to 1
      shares not adding up             | distribution: {requests: 10, host: a, by: subset, expect: {v1: 0.5, v2: 0.1}} | TL4011 | distribution.expect | 1 | fractions
      status out of range              | requests: [{host: a, expect: {status: 999}}]               | TL4006 | requests[0].expect.status      | 1 | from 100 to 599
      unknown response flag            | requests: [{host: a, expect: {responseFlag: U0}}]          | TL4005 | requests[0].expect.responseFlag | 1 | did you mean "UO"
      lower-case method                | requests: [{host: a, method: get}]                         | TL4005 | requests[0].method             | 1 | upper case: GET
      path without slash               | requests: [{host: a, path: reviews}]                       | TL4005 | requests[0].path               | 1 | start the path with /
      https through the mesh           | requests: [{host: a, scheme: https}]                       | TL4005 | requests[0].scheme             | 1 | via: gateway:443
      host header                      | requests: [{host: a, headers: {Host: b}}]                  | TL4005 | requests[0].headers.Host       | 1 | host:
      statusCounts bad key             | totals: {statusCounts: {ok: 3}}                            | TL4005 | totals.statusCounts.ok         | 1 | status codes
      inverted range                   | totals: {statusCounts: {"200": {min: 5, max: 1}}}          | TL4005 | totals.statusCounts.200        | 1 | swap min and max
      min latency above max            | requests: [{host: a, expect: {minLatencyMs: 10, maxLatencyMs: 5}}] | TL4005 | requests[0].expect.maxLatencyMs | 1 | swap
      validation without valid         | validation: {errorContains: [x]}                           | TL4004 | validation                     | 1 | valid: true
      config as a mapping              | config: {kind: VirtualService}                             | TL4003 | config                         | 1 | config: |
      gateway request without gateway  | requests: [{via: 'gateway:80', host: a}]                   | TL4012 | requests[0].via                | 1 | topology.gateways
      service without port             | topology: {services: [{name: a}]}                          | TL4004 | topology.services[0]           | 1 | port: 9080
      service defined twice            | topology: {services: [{name: a, port: 1}, {name: a, port: 2}]} | TL4008 | topology.services[1]      | 1 | merge
      error rate above one             | topology: {services: [{name: a, port: 1, pods: [{behavior: {errorRate: 1.5}}]}]} | TL4006 | topology.services[0].pods[0].behavior.errorRate | 1 | from 0 to 1
      bad namespace                    | topology: {namespace: Default}                             | TL4005 | topology.namespace             | 1 | lower-case
      bad analyzer code                | analyzer: [IST101]                                         | TL4005 | analyzer[0]                    | 1 | IST0101
      a list is not a case             | '- a'                                                      | TL4009 | ''                             | 1 | one mapping
      """)
  void mistakesArePositionedDiagnostics(String name, String yaml, String code, String path,
      int line, String hint) {
    CaseLoadResult r = loader.load("x.yaml", yaml);

    Diagnostic d = r.diagnostics().get(0);
    assertThat(r.ok()).isEqualTo(!d.isError());
    assertThat(d.code()).as(d.render()).isEqualTo(code);
    assertThat(d.path()).as(d.render()).isEqualTo(path);
    assertThat(d.line()).isEqualTo(line);
    assertThat(d.file()).isEqualTo("x.yaml");
    assertThat(d.hint()).as(d.render()).contains(hint);
  }

  @Test
  void everyMistakeIsReportedInOneRun() {
    CaseLoadResult r = loader.load("x.yaml", """
        requests:
        - {via: bus, host: a}
        - {host: b, repeat: 0}
        - {path: /}
        """);

    assertThat(r.diagnostics()).extracting(Diagnostic::path)
        .containsExactly("requests[0].via", "requests[1].repeat", "requests[2]");
    assertThat(r.caseFile().orElseThrow().requests()).isEmpty();
  }

  @Test
  void nameDifferentFromFileIsAWarning() {
    CaseLoadResult r = loader.load("dir/my-case.yaml", "name: other\nrequests: []\n");

    assertThat(r.ok()).isTrue();
    assertThat(r.diagnostics()).extracting(Diagnostic::render).containsExactly(
        "warning[TL4013] dir/my-case.yaml:1:7 name: case name \"other\" differs from the file name \"my-case\"");
  }

  @Test
  void yamlErrorsOfTheCaseFileAreReportedAsSuch() {
    CaseLoadResult r = loader.load("x.yaml", "requests: [\n");

    assertThat(r.caseFile()).isEmpty();
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("TL0003");
  }

  @Test
  void caseFilesAreToldApartFromConfigFiles() {
    var yaml = new io.trafficlab.engine.config.yaml.YamlLoader();
    assertThat(CaseLoader.looksLikeCaseFile(yaml.load("a", "config: ''\nrequests: []\n"))).isTrue();
    assertThat(CaseLoader.looksLikeCaseFile(yaml.load("a", "validation: {valid: true}\n"))).isTrue();
    assertThat(CaseLoader.looksLikeCaseFile(yaml.load("a", "kind: VirtualService\nspec: {}\n"))).isFalse();
    assertThat(CaseLoader.looksLikeCaseFile(yaml.load("a", "kind: A\n---\nkind: B\n"))).isFalse();
  }

  @Test
  void topologySecretsAreKept() {
    CaseFile c = loader.load("x.yaml", "topology: {secrets: [bookinfo-credential]}\n")
        .caseFile().orElseThrow();

    assertThat(c.topology().orElseThrow().secrets()).contains(List.of("bookinfo-credential"));
  }

  @Test
  void configSequenceIsNotSilentlyIgnored() {
    CaseLoadResult r = loader.load("x.yaml", "config:\n- kind: A\n");

    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("TL4003");
    assertThat(r.diagnostics().get(0).path()).isEqualTo("config");
    assertThat(r.caseFile().orElseThrow().config()).isEmpty();
  }
}
