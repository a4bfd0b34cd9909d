package io.trafficlab.web.cli;

import io.trafficlab.engine.cases.Observation;
import java.util.Locale;

/** One-line renderings of observations for the text output of simulate and test. */
final class Traces {
  private Traces() {}

  /** {@code 200 [DI] → reviews-v2-0 (subset v2) 2003.0 ms, 1 attempt: VirtualService ...}. */
  static String line(Observation o) {
    StringBuilder sb = new StringBuilder();
    sb.append(o.status() == 0 ? "no response" : Integer.toString(o.status()));
    if (!o.responseFlags().isEmpty()) {
      sb.append(" [").append(String.join(",", o.responseFlags())).append(']');
    }
    if (o.upstream() != null) {
      sb.append(" → ").append(o.upstream().pod());
      if (o.upstream().subset() != null) {
        sb.append(" (subset ").append(o.upstream().subset()).append(')');
      }
      sb.append(" path ").append(o.upstream().path());
    }
    String location = o.responseHeaders().get("location");
    if (location != null) {
      sb.append(" location ").append(location);
    }
    sb.append(String.format(Locale.ROOT, " %.1f ms", o.latencyMs()));
    sb.append(", ").append(o.upstreamAttempts())
        .append(o.upstreamAttempts() == 1 ? " attempt" : " attempts");
    if (!o.mirroredTo().isEmpty()) {
      sb.append(", mirrored to ").append(o.mirroredTo().stream().map(Observation.Mirror::pod).toList());
    }
    if (!o.route().isEmpty()) {
      sb.append(": ").append(o.route());
    }
    return sb.toString();
  }
}
