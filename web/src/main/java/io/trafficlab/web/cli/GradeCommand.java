package io.trafficlab.web.cli;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.labs.export.ExercismExport;
import io.trafficlab.labs.export.GradescopeExport;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.grade.ReportJson;
import io.trafficlab.labs.grade.ReportText;
import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.ExerciseSource;
import io.trafficlab.web.pack.PackCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trafficlab grade --exercise PACK/EXERCISE FILE} (DESIGN §4): grades a submission and prints
 * the report. Exit 0 when graded, whatever the score (a rejected configuration is graded too: its
 * report has status error and the diagnostics); 1 when it could not grade at all (unknown exercise,
 * unreadable file, a pack problem, no engine).
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
    description = "Grade a submission against an exercise and print the report.")
final class GradeCommand implements Callable<Integer> {
  /** Same bound as the web app (DESIGN §8). */
  static final int MAX_BYTES = 256 * 1024;

  enum Format { text, json, exercism, gradescope }

  @Spec
  CommandSpec spec;

  @Option(names = "--exercise", required = true, paramLabel = "PACK/EXERCISE",
      description = "the exercise, e.g. istio-traffic-management/canary-split")
  String exercise;

  @Parameters(paramLabel = "FILE", description = "the submission (Istio YAML)")
  Path file;

  @Option(names = "--format", defaultValue = "json", description = "json (DESIGN §4), text (for people), exercism or gradescope (default: ${DEFAULT-VALUE})")
  Format format;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the traffic (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--variant", defaultValue = "0", description = "which parameter variant (default: ${DEFAULT-VALUE})")
  int variant;

  @Option(names = "--packs", paramLabel = "DIR", description = "more pack directories (a pack, or a folder of packs)")
  List<Path> packs = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int slash = exercise.indexOf('/');
    if (slash <= 0 || slash == exercise.length() - 1) {
      err.println("trafficlab grade: --exercise must be PACK/EXERCISE, e.g. istio-traffic-management/canary-split");
      return 1;
    }
    String packId = exercise.substring(0, slash);
    String exerciseId = exercise.substring(slash + 1);
    PackCatalog catalog = PackCatalog.load(packs);
    Optional<PackCatalog.Entry> entry = catalog.get(packId);
    if (entry.isEmpty()) {
      err.println("trafficlab grade: no pack \"" + packId + "\"; known packs: "
          + catalog.all().stream().map(e -> e.pack().id()).toList());
      return 1;
    }
    Optional<ExerciseSource> src = entry.get().pack().exercise(exerciseId);
    if (src.isEmpty()) {
      err.println("trafficlab grade: pack " + packId + " has no exercise \"" + exerciseId + "\"; it has: "
          + entry.get().pack().exercises().stream().map(ExerciseSource::id).toList());
      return 1;
    }
    if (variant < 0 || variant >= src.get().variants().size()) {
      err.println("trafficlab grade: exercise " + exercise + " has " + src.get().variants().size()
          + " variant(s), numbered from 0");
      return 1;
    }
    ExerciseParser.Parsed parsed = new ExerciseParser().parse(packId, src.get(), variant);
    if (parsed.exercise() == null || !parsed.problems().isEmpty()) {
      err.println("trafficlab grade: the exercise has pack problems (run trafficlab pack validate):");
      parsed.problems().list().forEach(p -> err.println(p.render()));
      return 1;
    }
    String submission;
    try {
      submission = read(file);
    } catch (IOException e) {
      err.println("trafficlab grade: cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    Optional<TrafficLab> lab = Labs.trafficLab();
    if (lab.isEmpty()) {
      err.println("trafficlab grade: no engine (TrafficLab implementation) on the classpath; cannot send traffic");
      return 1;
    }
    GradeReport report = new Grader(new ConfigFrontEnd(), lab.get())
        .grade(parsed.exercise(), submission, new Grader.Options(seed, Grader.Options.DEFAULT.timeScale()),
            Grader.Clock.SYSTEM);
    switch (format) {
      case json -> out.println(ReportJson.toJson(report).toPrettyString());
      case exercism -> out.println(ExercismExport.toJson(report).toPrettyString());
      case gradescope -> out.println(GradescopeExport.toJson(report).toPrettyString());
      case text -> out.print(ReportText.render(report));
      default -> throw new IllegalStateException("format: " + format);
    }
    out.flush();
    return 0;
  }

  private static String read(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new IOException("is a directory");
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("larger than " + MAX_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
