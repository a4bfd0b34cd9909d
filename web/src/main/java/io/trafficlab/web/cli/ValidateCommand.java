package io.trafficlab.web.cli;

import io.trafficlab.engine.cases.CaseFile;
import io.trafficlab.engine.cases.CaseLoadResult;
import io.trafficlab.engine.cases.CaseLoader;
import io.trafficlab.engine.cases.ValidationJudge;
import io.trafficlab.engine.cases.Verdict;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.LoadLimits;
import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.core.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trafficlab validate FILE... [--format text|json] [--check-expectations]} (DESIGN §4).
 * A config file is validated by the three layers; a case file (top-level config, topology, requests
 * or validation) is read as a case and its config is validated against its topology, with every
 * position pointing into the case file. Exit 0 valid (warnings allowed), 1 errors, 2 usage/IO.
 * With {@code --check-expectations} the exit code says whether the {@code validation:} blocks (and
 * {@code analyzer:} codes) of case files were met: 0 all met, 1 some not, 2 usage/IO.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Validate Istio configuration (schema, webhook rules and istioctl-analyze checks). "
        + "A case file is validated against its topology.")
final class ValidateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "YAML files (config or case files)")
  List<Path> files;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
  OutputFormat format;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default",
      description = "namespace of objects without metadata.namespace (default: ${DEFAULT-VALUE}); "
          + "a case file uses its topology.namespace")
  String namespace;

  @Option(names = "--check-expectations",
      description = "check the validation: block (valid, errorContains, warningContains, didYouMean) "
          + "and analyzer: codes of case files; the exit code then says whether they were met")
  boolean checkExpectations;

  /** Verdicts in the order their expectations are written; ones without a place last. */
  private static final Comparator<Verdict> IN_FILE_ORDER = Comparator.comparing(Verdict::pos,
      Comparator.nullsLast(Comparator.comparingInt(SourcePos::line).thenComparingInt(SourcePos::column)));

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    YamlLoader loader = new YamlLoader();
    ConfigFrontEnd frontEnd = new ConfigFrontEnd();
    CaseLoader caseLoader = new CaseLoader(loader);
    List<Diagnostic> all = new ArrayList<>();
    List<Verdict> verdicts = new ArrayList<>();
    List<String> verdictFiles = new ArrayList<>();
    boolean ioError = false;
    for (Path path : files) {
      String name = path.toString();
      byte[] bytes;
      try {
        bytes = read(path, loader.limits());
      } catch (NoSuchFileException e) {
        err.println("trafficlab validate: no such file: " + name);
        ioError = true;
        continue;
      } catch (IOException e) {
        err.println("trafficlab validate: cannot read " + name + ": " + e.getMessage());
        ioError = true;
        continue;
      }
      List<Diagnostic> diags = new ArrayList<>();
      YamlLoadResult loaded = loader.load(name, bytes);
      if (loaded.ok() && CaseLoader.looksLikeCaseFile(loaded)) {
        CaseLoadResult cr = caseLoader.read(loaded, new String(bytes, StandardCharsets.UTF_8));
        diags.addAll(cr.diagnostics());
        if (cr.caseFile().isPresent()) {
          CaseFile c = cr.caseFile().get();
          Optional<Topology> topology = c.topology().map(t -> c.toTopology());
          FrontEndResult fr = frontEnd.validate(c.loadConfig(loader), c.namespace(), topology);
          diags.addAll(fr.diagnostics());
          if (checkExpectations) {
            List<Verdict> vs = new ArrayList<>();
            if (!cr.ok()) {
              long errors = cr.diagnostics().stream().filter(Diagnostic::isError).count();
              vs.add(new Verdict("case", "file", false, "the case file itself has " + errors
                  + " error" + (errors == 1 ? "" : "s"), SourcePos.start(name)));
            }
            c.validation().ifPresent(v -> vs.addAll(ValidationJudge.judge(v, fr.diagnostics())));
            vs.addAll(ValidationJudge.judgeAnalyzer(c.analyzer(), c.analyzerPositions(),
                fr.diagnostics()));
            vs.sort(IN_FILE_ORDER);
            vs.forEach(v -> verdictFiles.add(name));
            verdicts.addAll(vs);
          }
        }
      } else {
        diags.addAll(frontEnd.validate(loaded, namespace, Optional.empty()).diagnostics());
      }
      all.addAll(diags.stream().sorted(FrontEndResult.ORDER).toList());
    }
    boolean valid = all.stream().noneMatch(Diagnostic::isError);
    DiagnosticPrinter.print(out, all, valid, format,
        checkExpectations ? Optional.of(new DiagnosticPrinter.Expectations(verdictFiles, verdicts))
            : Optional.empty());
    if (ioError) {
      return 2;
    }
    if (checkExpectations) {
      return verdicts.stream().allMatch(Verdict::passed) ? 0 : 1;
    }
    return valid ? 0 : 1;
  }

  /**
   * Reads at most one byte more than the size limit, so that an endless or huge file (a device, a
   * log) is reported as too large instead of being read whole.
   */
  private static byte[] read(Path path, LoadLimits limits) throws IOException {
    if (Files.isDirectory(path)) {
      throw new IOException("is a directory");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(limits.maxBytes() + 1);
    }
  }
}
