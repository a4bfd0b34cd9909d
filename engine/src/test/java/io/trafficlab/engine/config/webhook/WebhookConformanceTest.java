package io.trafficlab.engine.config.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Layer;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared Istio samples: the webhook conformance cases (istio-semantics §11 {@code validation}),
 * every Bookinfo task config and the seed curriculum's YAML must be judged as Istio judges them.
 */
class WebhookConformanceTest {

  private record Case(String file, YamlMap root, String config) {}

  private static Path resources(String dir) {
    try {
      return Path.of(WebhookConformanceTest.class.getResource("/" + dir).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Case load(Path p) {
    try {
      String text = Files.readString(p, StandardCharsets.UTF_8);
      YamlLoadResult r = new YamlLoader().load(p.getFileName().toString(), text);
      YamlMap root = (YamlMap) r.documents().get(0).root();
      return new Case(p.getFileName().toString(), root, root.string("config").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Diagnostic> webhookFindings(String file, String config) {
    return new ConfigFrontEnd().validate(file, config, "default", Optional.empty()).diagnostics()
        .stream().filter(d -> d.layer() == Layer.WEBHOOK).toList();
  }

  static Stream<Path> webhookCases() throws IOException {
    try (Stream<Path> s = Files.list(resources("conformance"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .filter(p -> load(p).root().map("validation")
              .flatMap(v -> v.string("layer")).orElse("").equals("webhook"))
          .sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("webhookCases")
  void conformanceCaseIsJudgedLikeIstio(Path path) {
    Case c = load(path);
    YamlMap validation = c.root().map("validation").orElseThrow();
    boolean valid = validation.scalar("valid").flatMap(YamlScalar::asBoolean).orElseThrow();
    List<Diagnostic> errors = webhookFindings(c.file(), c.config()).stream()
        .filter(Diagnostic::isError).toList();
    if (valid) {
      assertThat(errors).as(c.file()).isEmpty();
      return;
    }
    assertThat(errors).as(c.file()).isNotEmpty();
    for (String want : strings(validation, "errorContains")) {
      assertThat(errors).as(c.file() + " errorContains " + want)
          .anyMatch(d -> containsLoosely(d.code() + " " + d.message() + " " + d.path() + " " + d.hint(), want));
    }
    for (String suggestion : strings(validation, "didYouMean")) {
      assertThat(errors).as(c.file() + " didYouMean " + suggestion)
          .anyMatch(d -> containsLoosely(d.hint(), suggestion));
    }
  }

  @Test
  void thereAreWebhookConformanceCases() throws IOException {
    assertThat(webhookCases()).hasSizeGreaterThanOrEqualTo(5);
  }

  static Stream<Path> bookinfoCases() throws IOException {
    try (Stream<Path> s = Files.list(resources("bookinfo"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bookinfoCases")
  void bookinfoConfigPassesTheWebhook(Path path) {
    Case c = load(path);
    assertThat(c.config()).isNotBlank();
    assertThat(webhookFindings(c.file(), c.config())).filteredOn(Diagnostic::isError).isEmpty();
  }

  @Test
  void seedCurriculumYamlPassesTheWebhook() throws IOException {
    String text = Files.readString(resources("webhook").resolve("seed-traffic-management.yaml"));
    List<Diagnostic> all = new ConfigFrontEnd()
        .validate("seed.yaml", text, "default", Optional.empty()).diagnostics();
    assertThat(all.stream().filter(d -> d.layer() == Layer.WEBHOOK && d.isError())).isEmpty();
    assertThat(new YamlLoader().load("seed.yaml", text).documents()).hasSize(13);
  }

  /** istio-semantics §11: case, spaces, '-' and '_' ignored; {@code a|b} means either. */
  private static boolean containsLoosely(String text, String want) {
    String t = norm(text);
    for (String alt : want.split("\\|")) {
      if (t.contains(norm(alt))) {
        return true;
      }
    }
    return false;
  }

  private static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
  }

  private static List<String> strings(YamlMap m, String key) {
    List<String> out = new ArrayList<>();
    m.seq(key).map(YamlSeq::items).orElse(List.of()).forEach(n -> {
      if (n instanceof YamlScalar s) {
        out.add(s.value());
      }
    });
    return out;
  }
}
