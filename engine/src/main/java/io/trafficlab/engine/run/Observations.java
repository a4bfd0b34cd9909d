package io.trafficlab.engine.run;

import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.dataplane.proxy.ExchangeTrace;
import io.trafficlab.engine.dataplane.proxy.ProxyHeaders;
import io.trafficlab.engine.sim.pods.PodEcho;
import io.trafficlab.engine.sim.traffic.RawResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds an {@link Observation} from what the client got and what the proxy traced. */
final class Observations {
  private Observations() {}

  static Observation of(RawResponse raw, Optional<ExchangeTrace> trace) {
    if (raw.isError()) {
      return new Observation(0, List.of(), "", Map.of(), null, trace.map(ExchangeTrace::upstreamAttempts)
          .orElse(0), List.of(), raw.latencyMs(), "no response: " + raw.error());
    }
    List<String> flags = trace.map(ExchangeTrace::flags).orElseGet(() -> flagsHeader(raw));
    Observation.Upstream upstream = trace.flatMap(t -> Optional.ofNullable(t.upstreamBody())
        .flatMap(PodEcho::parse).map(e -> upstream(e, t.subset()))).orElse(null);
    List<Observation.Mirror> mirrors = trace.map(t -> t.mirrors().stream()
        .map(m -> new Observation.Mirror(m.service(), m.namespace(), m.subset(), m.pod(), m.path()))
        .toList()).orElse(List.of());
    Map<String, String> headers = new LinkedHashMap<>(raw.headers());
    headers.remove(ProxyHeaders.TIME);
    return new Observation(raw.status(), flags, raw.body(), headers, upstream,
        trace.map(ExchangeTrace::upstreamAttempts).orElse(upstream == null ? 0 : 1), mirrors,
        raw.latencyMs(), trace.map(ExchangeTrace::route).orElse(""));
  }

  /** A request that could not be sent at all (no listener for it). */
  static Observation notSent(String why) {
    return new Observation(0, List.of(), "", Map.of(), null, 0, List.of(), 0, "not sent: " + why);
  }

  private static Observation.Upstream upstream(PodEcho echo, String subset) {
    Map<String, String> headers = new LinkedHashMap<>();
    echo.headers().forEach((k, v) -> {
      if (!ProxyHeaders.isInternal(k)) {
        headers.put(k, v);
      }
    });
    return new Observation.Upstream(echo.service(), echo.namespace(), subset, echo.pod(),
        echo.labels(), echo.path(), echo.authority(), headers);
  }

  private static List<String> flagsHeader(RawResponse raw) {
    String f = raw.headers().get(ProxyHeaders.FLAGS);
    return f == null || f.isBlank() ? List.of() : Arrays.stream(f.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }
}
