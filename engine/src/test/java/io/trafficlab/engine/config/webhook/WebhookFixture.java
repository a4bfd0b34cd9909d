package io.trafficlab.engine.config.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Layer;
import io.trafficlab.engine.config.diag.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs YAML through the whole front end and keeps the webhook layer's findings. The document
 * helpers put the spec at a fixed place: spec text line N, column C is file line N + 5, column C + 2.
 */
final class WebhookFixture {
  private WebhookFixture() {}

  static final String FILE = "test.yaml";

  static List<Diagnostic> webhook(String yaml) {
    return new ConfigFrontEnd().validate(FILE, yaml, "default", Optional.empty()).diagnostics()
        .stream().filter(d -> d.layer() == Layer.WEBHOOK).toList();
  }

  static List<Diagnostic> webhookErrors(String yaml) {
    return webhook(yaml).stream().filter(d -> d.severity() == Severity.ERROR).toList();
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
    assertThat(found).as("webhook findings").anySatisfy(d -> {
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
}
