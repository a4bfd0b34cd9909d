package io.trafficlab.web.cli;

import io.trafficlab.engine.config.yaml.LoadLimits;
import io.trafficlab.engine.run.RunOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --seed N} and {@code --time-scale X} of the commands that run traffic. */
final class RunOptionsMixin {
  @Option(names = "--seed", defaultValue = "1",
      description = "seed of every random choice (weighted picks, faults, errors); default ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--time-scale", defaultValue = "" + RunOptions.DEFAULT_TIME_SCALE,
      description = "simulated seconds per real second (latencies are reported in simulated ms); "
          + "default ${DEFAULT-VALUE}")
  double timeScale;

  /** The options, or null (after printing why) when the time scale is not usable. */
  RunOptions toOptions(java.io.PrintWriter err, String command) {
    if (!(timeScale > 0) || Double.isInfinite(timeScale) || timeScale > 1000) {
      err.println("trafficlab " + command + ": --time-scale must be > 0 and <= 1000, got "
          + timeScale);
      return null;
    }
    return new RunOptions(seed, timeScale, RunOptions.DEFAULT_PARALLELISM);
  }

  /** Reads at most one byte more than the size limit (see ValidateCommand). */
  static byte[] read(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new IOException("is a directory");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(LoadLimits.DEFAULT.maxBytes() + 1);
    }
  }

  /**
   * Reads a case file for {@code command}, or says on {@code err} why it cannot ("no such file",
   * "cannot read ...") and returns empty; the caller then exits 2 (usage/IO).
   */
  static java.util.Optional<byte[]> readOrSay(Path path, String command, java.io.PrintWriter err) {
    try {
      return java.util.Optional.of(read(path));
    } catch (java.nio.file.NoSuchFileException e) {
      err.println("trafficlab " + command + ": no such file: " + path);
    } catch (IOException e) {
      err.println("trafficlab " + command + ": cannot read " + path + ": " + e.getMessage());
    }
    return java.util.Optional.empty();
  }
}
