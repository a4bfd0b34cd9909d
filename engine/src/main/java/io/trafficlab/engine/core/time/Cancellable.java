package io.trafficlab.engine.core.time;

/** A scheduled task that can be cancelled; cancelling a task that already ran does nothing. */
@FunctionalInterface
public interface Cancellable {
  void cancel();
}
