package io.trafficlab.web.cli;

import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.labs.run.TrafficLabs;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The CLI's one door to the engine: every command that needs traffic asks {@link #trafficLab()}.
 * The engine's {@link TrafficLab} plugs in through {@link TrafficLabs#find()}; tests swap the
 * supplier for a fake.
 */
final class Labs {
  static Supplier<Optional<TrafficLab>> factory = TrafficLabs::find;

  private Labs() {}

  static Optional<TrafficLab> trafficLab() {
    return factory.get();
  }
}
