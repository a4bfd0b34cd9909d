package io.trafficlab.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trafficlab.engine.cases.CaseFile;
import io.trafficlab.engine.cases.CaseLoader;
import io.trafficlab.engine.cases.ValidationSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conformance sample with validation expectations ({@code validate-*}, and any case with
 * {@code analyzer:} codes) through {@code trafficlab validate} in-process. The samples are the engine
 * module's test copies.
 */
class ValidateConformanceSamplesTest {

  private static final Path SAMPLES = Path.of("../engine/src/test/resources/conformance");

  static Stream<Path> samplesWithExpectations() throws IOException {
    try (Stream<Path> s = Files.list(SAMPLES)) {
      List<Path> all = s.filter(p -> p.toString().endsWith(".yaml")).sorted()
          .filter(p -> p.getFileName().toString().startsWith("validate-")
              || !caseOf(p).analyzer().isEmpty())
          .toList();
      assertThat(all).hasSizeGreaterThanOrEqualTo(8);
      return all.stream();
    }
  }

  private static CaseFile caseOf(Path p) {
    try {
      return new CaseLoader().load(p.toString(), Files.readAllBytes(p)).caseFile().orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplesWithExpectations")
  void sampleMeetsEveryExpectationItWrites(Path sample) {
    CaseFile c = caseOf(sample);
    Optional<ValidationSpec> v = c.validation();

    Cli checked = Cli.run("validate", "--check-expectations", sample.toString());

    assertThat(checked.exit()).as(checked.out()).isZero();
    assertThat(checked.out()).doesNotStartWith("fail ").doesNotContain("\nfail ");
    int expected = c.analyzer().size();
    if (v.isPresent()) {
      assertThat(checked.out()).contains(" validation.valid: " + (v.get().valid() ? "valid" : "invalid"));
      expected += 1 + needles(checked.out(), "errorContains", v.get().errorContains())
          + needles(checked.out(), "warningContains", v.get().warningContains())
          + needles(checked.out(), "didYouMean", v.get().didYouMean());
    }
    for (int i = 0; i < c.analyzer().size(); i++) {
      assertThat(checked.out()).contains(" analyzer[" + i + "]: " + c.analyzer().get(i) + " reported");
    }
    assertThat(checked.out()).endsWith("expectations: " + expected + " passed, 0 failed\n");
  }

  private static int needles(String out, String key, List<String> needles) {
    for (int i = 0; i < needles.size(); i++) {
      assertThat(out).contains(" validation." + key + "[" + i + "]: \"" + needles.get(i) + "\" found in ");
    }
    return needles.size();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplesWithExpectations")
  void exitCodeAndJsonSayWhetherTheSampleIsValid(Path sample) throws IOException {
    CaseFile c = caseOf(sample);

    Cli plain = Cli.run("validate", "--format", "json", sample.toString());
    JsonNode json = new ObjectMapper().readTree(plain.out());

    boolean valid = c.validation().map(ValidationSpec::valid).orElse(json.get("valid").asBoolean());
    assertThat(plain.exit()).as(plain.out()).isEqualTo(valid ? 0 : 1);
    assertThat(json.get("valid").asBoolean()).isEqualTo(valid);
    for (JsonNode d : json.get("diagnostics")) {
      assertThat(d.get("file").asText()).isEqualTo(sample.toString());
      assertThat(d.get("line").asInt()).as(d.toString()).isPositive();
      assertThat(d.get("hint").asText()).as(d.toString()).isNotBlank();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplesWithExpectations")
  void invalidSampleIsRejectedByTheLayerItNames(Path sample) throws IOException {
    Optional<ValidationSpec> v = caseOf(sample).validation();
    if (v.isEmpty() || v.get().valid() || v.get().layer() == null) {
      return;
    }

    JsonNode json = new ObjectMapper().readTree(
        Cli.run("validate", "--format", "json", sample.toString()).out());

    assertThat(json.get("diagnostics")).as(json.toPrettyString())
        .filteredOn(d -> d.get("severity").asText().equals("error"))
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.get("layer").asText()).isEqualTo(v.get().layer()));
  }

  @Test
  void caseFileWithoutValidationExpectationsHasNothingToCheck() {
    Path sample = SAMPLES.resolve("weight-90-10.yaml");

    Cli r = Cli.run("validate", "--check-expectations", sample.toString());

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).endsWith("expectations: 0 passed, 0 failed\n");
  }

  @Test
  void negativeWeightIsReportedAtItsLineInTheCaseFile() throws IOException {
    Path sample = SAMPLES.resolve("validate-weight-negative.yaml");
    int line = Files.readAllLines(sample).indexOf("        weight: -10") + 1;

    Cli r = Cli.run("validate", "--format", "json", sample.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("\"line\" : " + line + ",");
  }

  @Test
  void subsetMissingFromEveryDestinationRuleIsReportedByTheAnalyzer() throws IOException {
    Path sample = SAMPLES.resolve("route-subset-not-defined-503.yaml");
    int line = Files.readAllLines(sample).indexOf("          subset: v3") + 1;

    Cli r = Cli.run("validate", sample.toString());

    assertThat(line).isPositive();
    assertThat(r.out()).startsWith("error[IST0101] " + sample + ":" + line + ":")
        .contains("spec.http[0].route[0].destination.subset: Referenced host+subset in "
            + "destinationrule not found: \"reviews+v3\" (VirtualService default/reviews)\n"
            + "  hint: DestinationRule default/reviews defines subsets v1, v2; add subset v3");
    assertThat(r.exit()).isEqualTo(1);
  }
}
