package io.trafficlab.web.cli;

/**
 * SIGTERM and SIGINT handling for long-running commands: the handler runs instead of the JVM's
 * default (which would exit with 143/130 before anything is closed), so the command can stop
 * cleanly and exit 0. Falls back to a shutdown hook where {@code sun.misc.Signal} is unavailable.
 */
final class Signals {
  private Signals() {}

  static void onTermination(Runnable handler) {
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.run());
      }
    } catch (IllegalArgumentException | LinkageError unsupported) {
      Runtime.getRuntime().addShutdownHook(new Thread(handler, "trafficlab-stop"));
    }
  }
}
