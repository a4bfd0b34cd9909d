package io.trafficlab.web.cli;

import io.trafficlab.engine.cases.CaseFile;
import io.trafficlab.engine.cases.CaseLoadResult;
import io.trafficlab.engine.cases.CaseLoader;
import io.trafficlab.engine.cases.CaseRunner;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.run.EngineSession;
import io.trafficlab.engine.run.RunOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trafficlab up CASE.yaml} (DESIGN §4): starts the case's topology and data plane and keeps
 * them running until SIGTERM or Ctrl-C. The first stdout line is the addresses JSON
 * ({@code {"gateways": {...}, "sidecars": {...}, "pods": {...}}}); diagnostics go to stderr. Exit 0
 * on a clean stop, 1 when the config is invalid, 2 on usage or I/O errors.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start a case's pods, gateway and sidecars and keep them running until Ctrl-C; "
        + "prints where everything listens as one JSON line first.")
final class UpCommand implements Callable<Integer> {

  /** Completed to stop a running {@code up} (tests; the signal handlers complete it too). */
  static volatile CompletableFuture<Void> stopSignal;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "CASE", description = "a case file")
  Path file;

  @Mixin
  RunOptionsMixin run;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunOptions options = run.toOptions(err, "up");
    if (options == null) {
      return 2;
    }
    Optional<byte[]> read = RunOptionsMixin.readOrSay(file, "up", err);
    if (read.isEmpty()) {
      return 2;
    }
    byte[] bytes = read.get();
    CaseLoadResult loaded = new CaseLoader().load(file.toString(), bytes);
    loaded.diagnostics().forEach(d -> err.println(d.render()));
    if (!loaded.ok()) {
      return 1;
    }
    CaseFile c = loaded.caseFile().get();
    CaseRunner runner = new CaseRunner(options);
    FrontEndResult fr = runner.validate(c);
    fr.diagnostics().forEach(d -> err.println(d.render()));
    if (!fr.admissible()) {
      err.println("trafficlab up: a cluster would reject this config; nothing started");
      return 1;
    }
    CompletableFuture<Void> stop = new CompletableFuture<>();
    stopSignal = stop;
    Signals.stopOnTermination(stop);
    try (EngineSession session = runner.start(c, fr)) {
      out.println(session.addresses().toJson());
      out.flush();
      err.println("trafficlab up: running " + file + " (time scale " + options.timeScale()
          + ", " + session.transportName() + " transport); Ctrl-C or SIGTERM stops");
      err.flush();
      stop.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // stop is only ever completed normally
    } catch (RuntimeException e) {
      stop.complete(null);
      err.println("trafficlab up: cannot start: " + e.getMessage());
      return 1;
    } finally {
      stop.complete(null);
    }
    err.println("trafficlab up: stopped");
    err.flush();
    return 0;
  }
}
