package io.trafficlab.web.grade;

import io.trafficlab.labs.grade.TrafficLab;

/**
 * The one place where the web app chooses its {@link TrafficLab}. Tests pass their own through
 * {@code WebDeps}; everything else asks here.
 */
public final class Labs {
  private Labs() {}

  /**
   * The lab the server runs with.
   *
   * <p>TODO(proxy/labs merge): return the engine's data-plane lab here once it lands. Until then the
   * offline lab reads topologies for diagrams and validation and answers every traffic check with an
   * ERROR that says why, so static checks still grade.
   */
  public static TrafficLab standard() {
    return new OfflineLab();
  }
}
