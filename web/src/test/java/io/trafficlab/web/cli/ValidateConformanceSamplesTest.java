package io.trafficlab.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.cases.CaseFile;
import io.trafficlab.engine.cases.CaseLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code validate-*} conformance sample through {@code trafficlab validate} in-process. The
 * samples are the engine module's test copies.
 */
class ValidateConformanceSamplesTest {

  private static final Path SAMPLES = Path.of("../engine/src/test/resources/conformance");

  private static Stream<Path> samples(boolean valid) throws IOException {
    try (Stream<Path> s = Files.list(SAMPLES)) {
      List<Path> all = s.filter(p -> p.getFileName().toString().startsWith("validate-")).sorted().toList();
      assertThat(all).hasSizeGreaterThanOrEqualTo(7);
      return all.stream().filter(p -> caseOf(p).validation().orElseThrow().valid() == valid).toList().stream();
    }
  }

  static Stream<Path> validSamples() throws IOException {
    return samples(true);
  }

  static Stream<Path> invalidSamples() throws IOException {
    return samples(false);
  }

  private static CaseFile caseOf(Path p) {
    try {
      return new CaseLoader().load(p.toString(), Files.readAllBytes(p)).caseFile().orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSamples")
  void validSampleIsValidAndMeetsItsExpectations(Path sample) {
    Cli plain = Cli.run("validate", sample.toString());
    Cli checked = Cli.run("validate", "--check-expectations", sample.toString());

    assertThat(plain.exit()).as(plain.out()).isZero();
    assertThat(checked.exit()).as(checked.out()).isZero();
    assertThat(checked.out()).contains("pass " + sample + ":").doesNotContain("\nfail ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSamples")
  void invalidSampleReportsTheExpectedErrors(Path sample) {
    Cli plain = Cli.run("validate", sample.toString());
    Cli checked = Cli.run("validate", "--check-expectations", sample.toString());

    assertThat(plain.exit()).as(plain.out()).isEqualTo(1);
    assertThat(checked.exit()).as(checked.out()).isZero();
    for (String needle : caseOf(sample).validation().orElseThrow().errorContains()) {
      assertThat(checked.out()).contains("errorContains").contains("\"" + needle + "\" found in");
    }
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
  void subsetMissingFromEveryDestinationRuleIsReportedByTheAnalyzer() {
    Path sample = SAMPLES.resolve("route-subset-not-defined-503.yaml");

    Cli r = Cli.run("validate", "--check-expectations", sample.toString());

    assertThat(r.out()).contains("pass " + sample + " analyzer.analyzer[0]: IST0101 reported");
    assertThat(r.exit()).isZero();
  }
}
