package io.trafficlab.web.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trafficlab} command line (DESIGN §4). */
@Command(
    name = "trafficlab",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A training platform for Istio traffic management: validate configs, run them "
        + "through an embedded routing engine, grade exercises.",
    subcommands = {ValidateCommand.class, SimulateCommand.class, TestCommand.class, UpCommand.class,
        GradeCommand.class, PackCommand.class, ServeCommand.class, UserCommand.class, TokenCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      err.println("trafficlab: internal error: " + ex.getClass().getSimpleName()
          + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
      err.println("This is a bug in trafficlab; please report it with the command you ran.");
      return 70;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: try 'trafficlab validate FILE' or 'trafficlab --help'");
  }

  /** Reads the version from the filtered resource written at build time. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/io/trafficlab/web/version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"trafficlab " + p.getProperty("version", "unknown")};
    }
  }
}
