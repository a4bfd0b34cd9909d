package io.trafficlab.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code trafficlab validate} in-process. Golden files: run with {@code -Dgolden.update=true} to
 * rewrite them after an intended change, then review the diff.
 */
class ValidateCommandTest {

  private static final Path INPUTS = Path.of("src/test/resources/validate");
  private static final Path GOLDEN = Path.of("src/test/resources/golden/validate");

  private static void assertGolden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static String input(String name) {
    return INPUTS.resolve(name).toString();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({
      "case-mistakes.yaml, text", "case-mistakes.yaml, json",
      "yaml-errors.yaml, text", "yaml-errors.yaml, json",
      "config-in-case-broken.yaml, text",
      "three-layers.yaml, text", "three-layers.yaml, json"})
  void outputMatchesTheGoldenFile(String file, String format) throws IOException {
    Cli r = Cli.run("validate", "--format", format, input(file));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertGolden(file.replace(".yaml", "." + (format.equals("json") ? "json" : "txt")), r.out());
  }

  @Test
  void expectationsAreCheckedAndPrinted() throws IOException {
    Cli r = Cli.run("validate", "--check-expectations", input("config-in-case-broken.yaml"));

    assertThat(r.exit()).as(r.out()).isZero();
    assertGolden("config-in-case-broken-expectations.txt", r.out());
  }

  @Test
  void expectationsAreInTheJsonOutput() throws IOException {
    Cli r = Cli.run("validate", "--check-expectations", "--format", "json",
        input("config-in-case-broken.yaml"));

    assertThat(r.exit()).isZero();
    assertGolden("config-in-case-broken-expectations.json", r.out());
  }

  @Test
  void expectationsArePrintedInTheOrderTheyAreWrittenWithTheirPlace() {
    String file = input("expectations-in-order.yaml");

    Cli r = Cli.run("validate", "--check-expectations", file);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out().lines().filter(l -> l.startsWith("pass ") || l.startsWith("fail "))
        .map(l -> l.replaceFirst("^((?:pass|fail) \\S+ [^:]+:).*$", "$1")))
        .containsExactly(
            "fail " + file + ":12:12 analyzer[0]:",
            "pass " + file + ":14:3 validation.valid:",
            "pass " + file + ":15:21 validation.warningContains[0]:",
            "fail " + file + ":16:19 validation.errorContains[0]:",
            "pass " + file + ":17:16 validation.didYouMean[0]:",
            "fail " + file + ":17:40 validation.didYouMean[1]:");
    assertThat(r.out()).endsWith("expectations: 3 passed, 3 failed\n");
  }

  @Test
  void validConfigExitsZero() {
    Cli r = Cli.run("validate", input("valid-config.yaml"));

    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("valid\n");
  }

  @Test
  void diagnosticsOfTheCaseConfigPointIntoTheCaseFile() {
    Cli r = Cli.run("validate", input("config-in-case-broken.yaml"));

    // "hosts: [reviews" is on line 8 of the case file; the parser notices at the next key, line 9
    assertThat(r.out()).contains("error[TL0003] " + input("config-in-case-broken.yaml") + ":9:");
  }

  @Test
  void missingFileIsAnIoErrorWithoutStackTrace() {
    Cli r = Cli.run("validate", "no/such/file.yaml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trafficlab validate: no such file: no/such/file.yaml\n");
    assertThat(r.out()).doesNotContain("Exception");
  }

  @Test
  void directoryIsAnIoError(@TempDir Path dir) {
    Cli r = Cli.run("validate", dir.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("is a directory").doesNotContain("at io.");
  }

  @Test
  void otherFilesAreStillValidatedAfterAnIoError() {
    Cli r = Cli.run("validate", "missing.yaml", input("yaml-errors.yaml"));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("TL0005");
  }

  @Test
  void hugeFileIsReportedAsTooLargeNotReadWhole(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.write(big, new byte[6 * 1024 * 1024]);

    Cli r = Cli.run("validate", "--format", "json", big.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("\"code\" : \"TL0001\"").contains("262145 bytes");
  }

  @Test
  void binaryFileIsADiagnostic(@TempDir Path dir) throws IOException {
    Path bin = dir.resolve("a.yaml");
    Files.write(bin, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});

    Cli r = Cli.run("validate", bin.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("error[TL0016] " + bin + ":1:1: input is binary data");
  }

  @ParameterizedTest
  @CsvSource({"validate", "validate --format xml a.yaml", "validate --bogus a.yaml", "frobnicate"})
  void usageErrorsExitTwo(String args) {
    Cli r = Cli.run(args.split(" "));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isNotEmpty().doesNotContain("Exception");
  }

  @Test
  void noCommandIsAUsageError() {
    Cli r = Cli.run();

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Missing command");
  }
}
