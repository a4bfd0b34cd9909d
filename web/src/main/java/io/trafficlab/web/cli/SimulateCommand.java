package io.trafficlab.web.cli;

import io.trafficlab.engine.config.diag.DiagnosticJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trafficlab.engine.cases.CaseFile;
import io.trafficlab.engine.cases.CaseJudge;
import io.trafficlab.engine.cases.CaseRunner;
import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.cases.ObservationJson;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.run.RunOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trafficlab simulate CASE.yaml [--format text|json] [--seed N] [--time-scale X]} (DESIGN
 * §4): runs a case through the real data plane and prints its observations, no verdicts. Exit 0
 * ran, 1 the case or its config is invalid (a cluster would reject it), 2 usage or I/O.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run a case file's requests through the embedded data plane and print what "
        + "happened to each (status, flags, pod, latency, route), without judging.")
final class SimulateCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "CASE", description = "a case file")
  Path file;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
  OutputFormat format;

  @Mixin
  RunOptionsMixin run;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunOptions options = run.toOptions(err, "simulate");
    if (options == null) {
      return 2;
    }
    Optional<byte[]> read = RunOptionsMixin.readOrSay(file, "simulate", err);
    if (read.isEmpty()) {
      return 2;
    }
    byte[] bytes = read.get();
    CaseRunner.CaseRun result = new CaseRunner(options).run(file.toString(), bytes);
    boolean invalid = result.caseFile().isEmpty() || !result.admissible()
        || result.verdicts().stream().anyMatch(v -> v.subject().equals("case") && !v.passed());
    if (format == OutputFormat.json) {
      out.println(toJson(result).toPrettyString());
    } else {
      printText(out, result);
    }
    out.flush();
    return invalid ? 1 : 0;
  }

  /** The DESIGN §4 shape: diagnostics, requests[].observations, distribution counts. */
  static ObjectNode toJson(CaseRunner.CaseRun result) {
    ObjectNode root = JSON.createObjectNode();
    root.set("diagnostics", DiagnosticJson.toJson(result.diagnostics()));
    ArrayNode requests = root.putArray("requests");
    for (int i = 0; i < result.requests().size(); i++) {
      ObjectNode r = requests.addObject();
      r.put("index", i);
      ArrayNode obs = r.putArray("observations");
      result.requests().get(i).forEach(o -> obs.add(ObservationJson.toJson(o)));
    }
    boolean hasDistribution = result.caseFile().flatMap(CaseFile::distribution).isPresent();
    if (!hasDistribution || !result.ran()) {
      root.putNull("distribution");
      return root;
    }
    List<Observation> d = result.distribution();
    ObjectNode dist = root.putObject("distribution");
    dist.put("requests", d.size());
    ObjectNode counts = dist.putObject("counts");
    putCounts(counts.putObject("subset"), CaseJudge.countBy("subset", d));
    putCounts(counts.putObject("service"), CaseJudge.countBy("service", d));
    putCounts(counts.putObject("status"), CaseJudge.countBy("status", d));
    ObjectNode labels = counts.putObject("podLabel");
    TreeSet<String> keys = new TreeSet<>();
    d.stream().filter(o -> o.upstream() != null).forEach(o -> keys.addAll(o.upstream().podLabels().keySet()));
    for (String k : keys) {
      putCounts(labels.putObject(k), CaseJudge.countBy(k, d));
    }
    return root;
  }

  private static void putCounts(ObjectNode target, Map<String, Long> counts) {
    new TreeMap<>(counts).forEach(target::put);
  }

  private static void printText(PrintWriter out, CaseRunner.CaseRun result) {
    for (Diagnostic d : result.diagnostics()) {
      out.println(d.render());
    }
    if (!result.ran()) {
      result.verdicts().stream().filter(v -> v.subject().equals("case"))
          .forEach(v -> out.println(v.message()));
      if (result.caseFile().isPresent() && result.admissible()) {
        out.println("nothing to send: the case has no requests and no distribution");
      }
      return;
    }
    for (int i = 0; i < result.requests().size(); i++) {
      List<Observation> copies = result.requests().get(i);
      for (int c = 0; c < copies.size(); c++) {
        out.println("requests[" + i + "]" + (copies.size() > 1 ? " #" + (c + 1) : "") + ": "
            + Traces.line(copies.get(c)));
      }
    }
    if (!result.distribution().isEmpty()) {
      List<Observation> d = result.distribution();
      out.println("distribution: " + d.size() + " requests");
      out.println("  by status: " + new TreeMap<>(CaseJudge.countBy("status", d)));
      out.println("  by service: " + new TreeMap<>(CaseJudge.countBy("service", d)));
      out.println("  by subset: " + new TreeMap<>(CaseJudge.countBy("subset", d)));
      out.println("  by version: " + new TreeMap<>(CaseJudge.countBy("version", d)));
    }
  }
}
