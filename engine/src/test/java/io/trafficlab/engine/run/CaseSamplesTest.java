package io.trafficlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.cases.CaseRunner;
import io.trafficlab.engine.cases.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conformance sample and every Bookinfo case runs through the real data plane and meets its
 * expectations, at the default time scale and at 20× (seeded, so the verdicts are reproducible).
 */
class CaseSamplesTest {

  static Stream<String> samples() throws IOException {
    return Stream.concat(list("conformance"), list("bookinfo"));
  }

  private static Stream<String> list(String dir) throws IOException {
    Path root = Paths.get("src/test/resources", dir);
    try (Stream<Path> files = Files.list(root)) {
      return files.map(p -> dir + "/" + p.getFileName()).filter(n -> n.endsWith(".yaml"))
          .sorted().toList().stream();
    }
  }

  static byte[] read(String resource) {
    try (InputStream in = CaseSamplesTest.class.getResourceAsStream("/" + resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleMeetsItsExpectationsAtTheDefaultTimeScale(String sample) {
    assertPasses(sample, RunOptions.DEFAULT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleMeetsItsExpectationsAtTimeScale20(String sample) {
    assertPasses(sample, RunOptions.of(RunOptions.DEFAULT_SEED, 20));
  }

  private static void assertPasses(String sample, RunOptions options) {
    CaseRunner.CaseRun run = new CaseRunner(options).run(sample, read(sample));
    List<Verdict> failed = run.verdicts().stream().filter(v -> !v.passed()).toList();
    assertThat(failed).as(() -> sample + ":\n" + failed.stream()
        .map(v -> v.id() + ": " + v.message()).collect(Collectors.joining("\n"))).isEmpty();
    assertThat(run.verdicts()).isNotEmpty();
  }
}
