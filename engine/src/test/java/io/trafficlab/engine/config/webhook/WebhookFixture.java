package io.trafficlab.engine.config.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.RawResources;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Layer;
import io.trafficlab.engine.config.diag.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs YAML through the whole front end and keeps the webhook layer's findings. The document
 * helpers put the spec at a fixed place: spec text line N, column C is file line N + 5, column C + 2.
 *
 * <p>The schema layer drops a document with a schema error before the webhook sees it, so
 * {@link #webhook} insists that the test YAML passes the schema: a row whose YAML is schema-invalid
 * would otherwise assert nothing about the webhook. Rules that only a tree the schema rejected can
 * reach are exercised with {@link #webhookAlone}, and what the learner sees for such a tree with
 * {@link #allLayers}.
 */
final class WebhookFixture {
  private WebhookFixture() {}

  static final String FILE = "test.yaml";

  /** Every layer's findings, in the front end's order. */
  static List<Diagnostic> allLayers(String yaml) {
    return new ConfigFrontEnd().validate(FILE, yaml, "default", Optional.empty()).diagnostics();
  }

  /** The webhook findings for YAML that the schema layer accepts (asserted). */
  static List<Diagnostic> webhook(String yaml) {
    List<Diagnostic> all = allLayers(yaml);
    assertThat(all).as("schema errors: the webhook would never see this YAML")
        .noneMatch(d -> d.layer() == Layer.SCHEMA && d.isError());
    return all.stream().filter(d -> d.layer() == Layer.WEBHOOK).toList();
  }

  static List<Diagnostic> webhookErrors(String yaml) {
    return webhook(yaml).stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }

  /**
   * The webhook validator run on the raw trees, without the schema layer in front: for hostile shapes
   * and for rules whose input the schema rejects first. Documents without a known kind or a name are
   * skipped.
   */
  static List<Diagnostic> webhookAlone(String yaml) {
    List<Diagnostic> out = new ArrayList<>();
    WebhookValidator validator = new WebhookValidator();
    RawResources.read(FILE, yaml).forEach(r -> validator.validate(r, out));
    return out;
  }

  static String doc(String kind, String name, String spec) {
    return "apiVersion: networking.istio.io/v1\n"
        + "kind: " + kind + "\n"
        + "metadata:\n"
        + "  name: " + name + "\n"
        + "spec:\n"
        + spec.indent(2);
  }

  /**
   * Asserts that one finding has {@code code} at {@code lineCol} with {@code path}, a message
   * containing every word (case-insensitive), a hint, and the resource reference.
   */
  static void assertFinding(List<Diagnostic> found, String code, String lineCol, String path,
      String resource, String... words) {
    assertThat(found).as("findings").anySatisfy(d -> {
      assertThat(d.code()).isEqualTo(code);
      assertThat(d.line() + ":" + d.column()).isEqualTo(lineCol);
      assertThat(d.path()).isEqualTo(path);
      assertThat(d.file()).isEqualTo(FILE);
      assertThat(d.resource()).isEqualTo(resource);
      assertThat(d.hint()).isNotBlank();
      for (String w : words) {
        assertThat(d.message().toLowerCase(Locale.ROOT)).contains(w.toLowerCase(Locale.ROOT));
      }
    });
  }

  /**
   * Asserts how the front end reports a mistake that the schema layer catches before the webhook:
   * exactly one error at {@code lineCol} (no second layer repeats it), with {@code code}, path,
   * message words and a hint.
   */
  static void assertReportedOnce(String yaml, String code, String lineCol, String path,
      String resource, String... words) {
    List<Diagnostic> all = allLayers(yaml);
    assertFinding(all, code, lineCol, path, resource, words);
    assertThat(all).as("one report of the mistake at " + lineCol)
        .filteredOn(d -> (d.line() + ":" + d.column()).equals(lineCol)).hasSize(1);
  }
}
