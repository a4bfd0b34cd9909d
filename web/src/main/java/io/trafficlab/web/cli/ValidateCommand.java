package io.trafficlab.web.cli;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trafficlab validate FILE... [--format text|json]}. Exit 0 valid, 1 errors, 2 usage/IO. */
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
      description = "namespace of objects without metadata.namespace (default: ${DEFAULT-VALUE})")
  String namespace;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigFrontEnd frontEnd = new ConfigFrontEnd();
    List<Diagnostic> all = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        err.println("trafficlab validate: no such file: " + file);
        return 2;
      } catch (IOException e) {
        err.println("trafficlab validate: cannot read " + file + ": " + e.getMessage());
        return 2;
      }
      FrontEndResult r = frontEnd.validate(file.toString(), bytes, namespace, Optional.empty());
      all.addAll(r.diagnostics());
    }
    boolean valid = all.stream().noneMatch(Diagnostic::isError);
    DiagnosticPrinter.print(out, all, valid, format);
    return valid ? 0 : 1;
  }
}
