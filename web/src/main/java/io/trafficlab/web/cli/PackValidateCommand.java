package io.trafficlab.web.cli;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.pack.PackProblems;
import io.trafficlab.labs.validate.ExerciseVerdict;
import io.trafficlab.labs.validate.PackValidator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trafficlab pack validate DIR} (DESIGN §4): every pack file's schema with file:line
 * diagnostics; with the engine on the classpath also every solution at 100 %, every starter below,
 * every check failable and every misconception example recognised, in every variant. Prints a table
 * per exercise. Exit 0 ok, 1 problems, 2 usage.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a pack: file schema, then (with the engine) solutions score 100 %, starters "
        + "less, every check can fail, every misconception example is recognised, in every variant.")
final class PackValidateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "the pack directory (the one with pack.yaml)")
  Path dir;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the grading runs (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(dir.resolve("pack.yaml"))) {
      err.println("trafficlab pack validate: " + dir + " is not a pack: it has no pack.yaml");
      return 2;
    }
    var lab = Labs.trafficLab();
    PackValidator.Report report = new PackValidator(new ConfigFrontEnd(), lab,
        new Grader.Options(seed, Grader.Options.DEFAULT.timeScale())).validate(dir);
    for (PackProblems.Problem p : report.problems()) {
      out.println(p.render());
    }
    if (!report.problems().isEmpty()) {
      out.println();
    }
    out.println("pack " + report.pack().id() + ": " + report.pack().lessons().size() + " lessons, "
        + report.exercises().size() + " exercises, " + report.pack().quizzes().size() + " quizzes");
    int w = Math.max(8, report.exercises().stream().mapToInt(e -> e.exercise().length()).max().orElse(8));
    out.println(String.format(Locale.ROOT, "%-" + w + "s  %8s  %8s  %8s  %8s  %14s  %s", "exercise", "variants",
        "solution", "starter", "failable", "misconceptions", "status"));
    for (ExerciseVerdict e : report.exercises()) {
      out.println(String.format(Locale.ROOT, "%-" + w + "s  %8d  %8s  %8s  %8s  %14s  %s", e.exercise(), e.variants(),
          pct(e.solutionPercent()), pct(e.starterPercent()),
          report.trafficRun() ? e.failableChecks() + "/" + e.checks() : "–",
          e.recognised() + "/" + e.misconceptions() + (report.trafficRun() ? "" : "*"),
          e.ok() ? "ok" : e.problems() + " problem" + (e.problems() == 1 ? "" : "s")));
    }
    if (!report.trafficRun()) {
      out.println();
      out.println("traffic not run: no engine (TrafficLab) on the classpath. Checked the files, the checks' case");
      out.println("vocabulary, the solutions' validity and the diagnostic/pattern part of misconceptions (*).");
    }
    int n = report.problems().size();
    out.println(n == 0 ? "ok" : n + " problem" + (n == 1 ? "" : "s"));
    return n == 0 ? 0 : 1;
  }

  private static String pct(OptionalDouble d) {
    return d.isPresent() ? String.format(Locale.ROOT, "%.0f %%", d.getAsDouble()) : "–";
  }
}
