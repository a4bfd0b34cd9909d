package io.trafficlab.web.cli;

import java.util.concurrent.CompletableFuture;

/**
 * SIGTERM and SIGINT handling for long-running commands: while a command runs, the signal completes
 * its stop future instead of killing the JVM (whose default would exit with 143/130 before anything
 * is closed), so the command can stop cleanly and exit 0. Once that command has stopped, a signal
 * ends the JVM as usual. Falls back to a shutdown hook where {@code sun.misc.Signal} is missing.
 */
final class Signals {
  private static volatile CompletableFuture<Void> current;
  private static boolean installed;

  private Signals() {}

  /** Routes SIGTERM and SIGINT to {@code stop} until it completes. */
  static synchronized void stopOnTermination(CompletableFuture<Void> stop) {
    current = stop;
    if (installed) {
      return;
    }
    installed = true;
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
          CompletableFuture<Void> c = current;
          if (c == null || c.isDone()) {
            Runtime.getRuntime().exit(128 + s.getNumber());
          } else {
            c.complete(null);
          }
        });
      }
    } catch (IllegalArgumentException | LinkageError unsupported) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        CompletableFuture<Void> c = current;
        if (c != null) {
          c.complete(null);
        }
      }, "trafficlab-stop"));
    }
  }
}
