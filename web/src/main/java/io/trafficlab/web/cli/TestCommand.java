package io.trafficlab.web.cli;

import io.trafficlab.engine.cases.CaseRunner;
import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.cases.Verdict;
import io.trafficlab.engine.run.RunOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trafficlab test CASE.yaml... [--details] [--only-failures] [--seed N] [--time-scale X]}
 * (DESIGN §4), in the spirit of Envoy's route table check tool: every case is run and judged, one
 * line per case, each failed expectation with its evidence, a closing {@code N passed, M failed}.
 * Exit 0 when every case passed, 1 when some failed, 2 on usage or I/O errors.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Run case files through the embedded data plane and check their expectations.")
final class TestCommand implements Callable<Integer> {
  private static final int MAX_TRACES = 5;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "CASE", arity = "1..*", description = "case files")
  List<Path> files;

  @Option(names = "--details", description = "show the trace of each failing request")
  boolean details;

  @Option(names = "--only-failures", description = "print failing cases only")
  boolean onlyFailures;

  @Mixin
  RunOptionsMixin run;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunOptions options = run.toOptions(err, "test");
    if (options == null) {
      return 2;
    }
    CaseRunner runner = new CaseRunner(options);
    int passed = 0;
    int failed = 0;
    boolean ioError = false;
    for (Path path : files) {
      String name = path.toString();
      Optional<byte[]> read = RunOptionsMixin.readOrSay(path, "test", err);
      if (read.isEmpty()) {
        ioError = true;
        failed++;
        continue;
      }
      byte[] bytes = read.get();
      CaseRunner.CaseRun result;
      try {
        result = runner.run(name, bytes);
      } catch (RuntimeException e) {
        out.println("FAIL " + name + ": could not run: " + e.getMessage());
        failed++;
        continue;
      }
      if (result.passed()) {
        passed++;
        if (!onlyFailures) {
          out.println("PASS " + name + " (" + result.verdicts().size() + " checks)");
        }
      } else {
        failed++;
        printFailure(out, name, result);
      }
      out.flush();
    }
    out.println(passed + " passed, " + failed + " failed");
    out.flush();
    if (ioError) {
      return 2;
    }
    return failed == 0 ? 0 : 1;
  }

  private void printFailure(PrintWriter out, String name, CaseRunner.CaseRun result) {
    List<Verdict> failing = result.verdicts().stream().filter(v -> !v.passed()).toList();
    out.println("FAIL " + name + " (" + (result.verdicts().isEmpty() ? "nothing to check"
        : failing.size() + " of " + result.verdicts().size() + " checks failed") + ")");
    Set<String> subjects = new LinkedHashSet<>();
    for (Verdict v : failing) {
      String at = v.pos() == null ? "" : " (" + v.pos().line() + ":" + v.pos().column() + ")";
      out.println("  " + v.id() + at + ": " + v.message());
      subjects.add(v.subject());
    }
    if (!details) {
      return;
    }
    for (String subject : subjects) {
      if (subject.startsWith("requests[")) {
        int i = Integer.parseInt(subject.substring(9, subject.indexOf(']')));
        if (i < result.requests().size()) {
          List<Observation> copies = result.requests().get(i);
          for (int c = 0; c < Math.min(MAX_TRACES, copies.size()); c++) {
            out.println("    trace " + subject + (copies.size() > 1 ? " #" + (c + 1) : "") + ": "
                + Traces.line(copies.get(c)));
          }
        }
      } else if (subject.equals("distribution") && !result.distribution().isEmpty()) {
        List<Observation> d = result.distribution();
        out.println("    distribution by status " + new TreeMap<>(
            io.trafficlab.engine.cases.CaseJudge.countBy("status", d)));
        for (int c = 0; c < Math.min(MAX_TRACES, d.size()); c++) {
          out.println("    trace distribution #" + (c + 1) + ": " + Traces.line(d.get(c)));
        }
      } else if (subject.equals("totals")) {
        int shown = 0;
        for (int i = 0; i < result.requests().size() && shown < MAX_TRACES; i++) {
          for (Observation o : result.requests().get(i)) {
            if (shown++ < MAX_TRACES) {
              out.println("    trace requests[" + i + "]: " + Traces.line(o));
            }
          }
        }
      }
    }
  }
}
