package io.trafficlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.cases.CaseRunner;
import io.trafficlab.engine.cases.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conformance sample, every Bookinfo case and every case of our own ({@code cases/}, behaviour
 * the shared samples do not cover, such as VirtualService delegation) runs through the real data
 * plane and meets its expectations (seeded, so the verdicts are reproducible). Samples whose checks wait on simulated
 * time (latencies, timeouts, faults, overlapping requests) run at 20×, the scale with the tightest
 * real-time margins; the others at the default scale. {@code trafficlab test} runs the same files at
 * both scales (see BENCHMARKS.md).
 */
class CaseSamplesTest {

  static Stream<String> samples() throws IOException {
    return Stream.of(list("conformance"), list("bookinfo"), list("cases")).flatMap(s -> s);
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

  /** True when the case waits on simulated time: those run at 20×. */
  static boolean waitsOnTime(byte[] sample) {
    String text = new String(sample, StandardCharsets.UTF_8);
    return text.contains("latencyMs") || text.contains("concurrent:") || text.contains("fixedDelay")
        || text.contains("timeout:") || text.contains("outlierDetection");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleMeetsItsExpectations(String sample) {
    byte[] bytes = read(sample);
    RunOptions options = waitsOnTime(bytes) ? RunOptions.of(RunOptions.DEFAULT_SEED, 20)
        : RunOptions.DEFAULT;

    CaseRunner.CaseRun run = new CaseRunner(options).run(sample, bytes);

    List<Verdict> failed = run.verdicts().stream().filter(v -> !v.passed()).toList();
    assertThat(failed).as(() -> sample + " at " + options.timeScale() + "x:\n" + failed.stream()
        .map(v -> v.id() + ": " + v.message()).collect(Collectors.joining("\n"))).isEmpty();
    assertThat(run.verdicts()).isNotEmpty();
  }
}
