package io.trafficlab.labs.run;

import io.trafficlab.labs.grade.TrafficLab;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one place that finds the engine behind the grader: the first {@link TrafficLab} registered
 * in {@code META-INF/services/io.trafficlab.labs.grade.TrafficLab} (the engine's implementation
 * plugs in there). Empty when none is on the classpath: callers then validate without traffic or
 * refuse to grade, and say so.
 */
public final class TrafficLabs {
  private TrafficLabs() {}

  public static Optional<TrafficLab> find() {
    return ServiceLoader.load(TrafficLab.class, TrafficLabs.class.getClassLoader()).findFirst();
  }
}
