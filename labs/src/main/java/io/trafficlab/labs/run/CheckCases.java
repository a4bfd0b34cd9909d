package io.trafficlab.labs.run;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.trafficlab.engine.cases.CaseFile;
import io.trafficlab.engine.cases.CaseLoadResult;
import io.trafficlab.engine.cases.CaseLoader;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import io.trafficlab.engine.core.topology.Topology;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an exercise's {@code topology} and one check's traffic ({@code requests}, {@code
 * distribution}, {@code totals}) into a case file of the engine's case format (DESIGN §5), so that
 * checks are read, validated and run by exactly the engine's case reader and runner. The mappings
 * are written back as JSON (a subset of YAML) with their scalar types kept.
 */
public final class CheckCases {
  private static final Set<String> TRAFFIC_KEYS = Set.of("requests", "distribution", "totals");

  private CheckCases() {}

  /** The case text; {@code config} (Istio objects) goes into {@code config: |}. */
  public static String caseText(YamlMap topology, YamlMap check, String config) {
    StringBuilder sb = new StringBuilder();
    sb.append("topology: ").append(json(topology)).append('\n');
    for (YamlMap.Entry e : check.entries()) {
      if (TRAFFIC_KEYS.contains(e.name())) {
        sb.append(e.name()).append(": ").append(json(e.value())).append('\n');
      }
    }
    if (config.isBlank()) {
      sb.append("config: \"\"\n");
    } else {
      sb.append("config: |2\n");
      for (String line : config.replace("\r\n", "\n").split("\n", -1)) {
        sb.append(line.isEmpty() ? "" : "  " + line).append('\n');
      }
    }
    return sb.toString();
  }

  /** Reads a check as a case; diagnostics point into the generated text named {@code file}. */
  public static CaseLoadResult load(String file, YamlMap topology, YamlMap check, String config) {
    return new CaseLoader().load(file, caseText(topology, check, config));
  }

  /** Reads an exercise's topology with the case reader; its problems go to {@code out}. */
  public static Topology topology(YamlMap topology, List<Diagnostic> out) {
    CaseLoadResult r = new CaseLoader().load("topology", "topology: " + json(topology) + "\n");
    out.addAll(r.diagnostics().stream().filter(Diagnostic::isError).toList());
    return r.caseFile().map(CaseFile::toTopology).orElseGet(() -> Topology.empty("default"));
  }

  /** The case file of a check when it reads without errors. */
  public static Optional<CaseFile> caseFile(YamlMap topology, YamlMap check, String config,
      List<Diagnostic> out) {
    CaseLoadResult r = load("check", topology, check, config);
    out.addAll(r.diagnostics());
    return r.ok() ? r.caseFile() : Optional.empty();
  }

  static String json(YamlNode n) {
    StringBuilder sb = new StringBuilder();
    write(n, sb);
    return sb.toString();
  }

  private static void write(YamlNode n, StringBuilder sb) {
    if (n instanceof YamlMap m) {
      sb.append('{');
      boolean first = true;
      for (YamlMap.Entry e : m.entries()) {
        sb.append(first ? "" : ", ");
        first = false;
        string(e.name(), sb);
        sb.append(": ");
        write(e.value(), sb);
      }
      sb.append('}');
    } else if (n instanceof YamlSeq s) {
      sb.append('[');
      for (int i = 0; i < s.size(); i++) {
        sb.append(i == 0 ? "" : ", ");
        write(s.get(i), sb);
      }
      sb.append(']');
    } else {
      YamlScalar s = (YamlScalar) n;
      if (s.isNull()) {
        sb.append("null");
      } else if (s.plain() && (s.asLong().isPresent() || s.asDouble().isPresent() || s.asBoolean().isPresent())) {
        sb.append(s.value());
      } else {
        string(s.value(), sb);
      }
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
  }
}
