package io.trafficlab.web.grade;

import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.labs.run.TrafficLabs;

/**
 * The one place where the web app chooses its {@link TrafficLab}. Tests pass their own through
 * {@code WebDeps}; everything else asks here.
 */
public final class Labs {
  private Labs() {}

  /**
   * The lab the server runs with: the engine's, found by {@link TrafficLabs#find()} (a service
   * registered in {@code META-INF/services}). Without one on the classpath the offline lab reads
   * topologies for diagrams and validation and answers every traffic check with an ERROR that says
   * why, so static checks still grade.
   */
  public static TrafficLab standard() {
    return TrafficLabs.find().orElseGet(OfflineLab::new);
  }
}
