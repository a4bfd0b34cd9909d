package io.trafficlab.engine.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class YamlLoaderTest {

  private final YamlLoader loader = new YamlLoader();

  private YamlMap root(YamlLoadResult r, int doc) {
    assertThat(r.diagnostics()).isEmpty();
    return (YamlMap) r.documents().get(doc).root();
  }

  @Test
  void validJsonIsReadAsYaml() {
    YamlLoadResult r = loader.load("a.json", "{\"kind\":\"VirtualService\",\n \"spec\": {\"hosts\": [\"reviews\"]}}");

    YamlMap m = root(r, 0);
    assertThat(m.string("kind")).contains("VirtualService");
    YamlSeq hosts = m.map("spec").orElseThrow().seq("hosts").orElseThrow();
    assertThat(hosts.get(0).path()).isEqualTo("spec.hosts[0]");
    assertThat(hosts.get(0).pos()).isEqualTo(new SourcePos("a.json", 2, 21));
  }

  @Test
  void jsonIndentedWithTabsIsAccepted() {
    YamlLoadResult r = loader.load("a.json", "{\n\t\"a\": 1\n}\n");

    assertThat(root(r, 0).scalar("a").orElseThrow().asLong()).contains(1L);
  }

  @Test
  void crlfLineEndingsKeepLinePositions() {
    YamlLoadResult r = loader.load("a.yaml", "a: 1\r\nb:\r\n  c: x\r\n");

    YamlMap b = root(r, 0).map("b").orElseThrow();
    assertThat(b.get("c").pos()).isEqualTo(new SourcePos("a.yaml", 3, 6));
    assertThat(b.string("c")).contains("x");
  }

  @Test
  void byteOrderMarkIsIgnored() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] yaml = "a: 1\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + yaml.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(yaml, 0, all, 3, yaml.length);

    YamlLoadResult r = loader.load("a.yaml", all);

    assertThat(root(r, 0).get("a").pos()).isEqualTo(new SourcePos("a.yaml", 1, 4));
  }

  @Test
  void twoHundredDocumentsAreTheLimitNotAnError() {
    YamlLoadResult r = loader.load("a.yaml", "a: 1\n---\n".repeat(199) + "a: 1\n");

    assertThat(r.ok()).isTrue();
    assertThat(r.documents()).hasSize(200);
  }

  @Test
  void duplicateKeyNamesBothPositions() {
    YamlLoadResult r = loader.load("a.yaml", "spec:\n  hosts: [a]\n  hosts: [b]\n");

    assertThat(r.diagnostics()).extracting(Diagnostic::render).containsExactly(
        "error[TL0005] a.yaml:3:3 spec.hosts: duplicate key \"hosts\" (first defined at line 2, column 3)");
  }

  @Test
  void everyDuplicateKeyIsReported() {
    YamlLoadResult r = loader.load("a.yaml", "a: 1\na: 2\nb: {c: 1, c: 2}\n");

    assertThat(r.diagnostics()).extracting(Diagnostic::path).containsExactly("a", "b.c");
  }

  @Test
  void aliasesAreExpandedWithTheAnchoredPositions() {
    YamlLoadResult r = loader.load("a.yaml", "labels: &l {app: x}\nselector: *l\n");

    YamlMap sel = root(r, 0).map("selector").orElseThrow();
    assertThat(sel.string("app")).contains("x");
    assertThat(sel.get("app").path()).isEqualTo("selector.app");
    assertThat(sel.get("app").pos().line()).isEqualTo(1);
  }

  @Test
  void coreTagsResolveLikeTheTypeTheyName() {
    YamlMap m = root(loader.load("a.yaml", "a: !!str 5\nb: !!int \"7\"\nc: !!bool true\n"), 0);

    assertThat(m.scalar("a").orElseThrow().isString()).isTrue();
    assertThat(m.scalar("b").orElseThrow().asLong()).contains(7L);
    assertThat(m.scalar("c").orElseThrow().asBoolean()).contains(true);
  }

  @Test
  void scalarStylesAreKept() {
    YamlMap m = root(loader.load("a.yaml", "a: |\n  x\nb: >\n  y\nc: 'z'\nd: \"w\"\ne: v\n"), 0);

    assertThat(m.entries()).extracting(e -> ((YamlScalar) e.value()).style()).containsExactly(
        YamlScalar.Style.LITERAL, YamlScalar.Style.FOLDED, YamlScalar.Style.SINGLE_QUOTED,
        YamlScalar.Style.DOUBLE_QUOTED, YamlScalar.Style.PLAIN);
  }

  @Test
  void trailingSeparatorGivesAnEmptyDocument() {
    YamlLoadResult r = loader.load("a.yaml", "a: 1\n---\n");

    assertThat(r.documents()).hasSize(2);
    assertThat(r.documents().get(1).root()).isNull();
  }

  @Test
  void embeddedTextReportsNodePositionsInTheOuterFile() {
    TextOrigin origin = new TextOrigin(10, 3, true);

    YamlLoadResult r = loader.load("case.yaml", "kind: X\nspec:\n  weight: -10\n", origin);

    YamlNode w = root(r, 0).map("spec").orElseThrow().get("weight");
    assertThat(w.pos()).isEqualTo(new SourcePos("case.yaml", 12, 13));
  }

  @Test
  void embeddedTextReportsSyntaxErrorsInTheOuterFile() {
    YamlLoadResult r = loader.load("case.yaml", "a: 1\nb: [1, 2\n", new TextOrigin(5, 3, true));

    Diagnostic d = r.diagnostics().get(0);
    assertThat(d.code()).isEqualTo("TL0003");
    assertThat(d.line()).isGreaterThanOrEqualTo(6);
    assertThat(d.column()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void embeddedTextReportsCharacterProblemsInTheOuterFile() {
    YamlLoadResult r = loader.load("case.yaml", "a: 1\nb: \u0007\n", new TextOrigin(5, 3, true));

    assertThat(r.diagnostics()).extracting(Diagnostic::render).containsExactly(
        "error[TL0013] case.yaml:6:6: input contains control character U+0007");
  }

  @Test
  void inexactOriginPointsEverythingAtTheOrigin() {
    YamlLoadResult r = loader.load("case.yaml", "a: 1\nb: 2\nb: 3\n", new TextOrigin(4, 9, false));

    assertThat(r.diagnostics().get(0).line()).isEqualTo(4);
    assertThat(r.diagnostics().get(0).column()).isEqualTo(9);
  }

  @Test
  void tabInsideQuotedValueIsNotIndentation() {
    YamlMap m = root(loader.load("a.yaml", "a: \"x\ty\"\n"), 0);

    assertThat(m.string("a")).contains("x\ty");
  }
}
