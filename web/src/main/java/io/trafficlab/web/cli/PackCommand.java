package io.trafficlab.web.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code trafficlab pack validate DIR} and {@code trafficlab pack new NAME}. */
@Command(name = "pack", mixinStandardHelpOptions = true,
    description = "Author scenario packs: check one (pack validate) or start one (pack new).",
    subcommands = {PackValidateCommand.class, PackNewCommand.class})
final class PackCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: try 'trafficlab pack validate DIR' or 'trafficlab pack new NAME'");
  }
}
