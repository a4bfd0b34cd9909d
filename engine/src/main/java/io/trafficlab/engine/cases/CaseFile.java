package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.TextOrigin;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.core.topology.Topology;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One case file (DESIGN §5, istio-semantics §11), read by {@link CaseLoader}. Immutable.
 *
 * @param file          the file name diagnostics use
 * @param name          the case name (by convention the file name without .yaml); "" when not set
 * @param istioVersions semver range the expectations hold for; "" when not set (current Istio)
 * @param analyzer      IST codes istioctl analyze should also report
 * @param analyzerPositions where each {@code analyzer} code is written (same order), or empty
 * @param config        the multi-document Istio config text; "" when not set
 * @param configOrigin  where {@code config}'s text sits in the case file
 * @param topology      empty when the file has no {@code topology} block (a validation-only case)
 */
public record CaseFile(
    String file,
    String name,
    String source,
    String notes,
    String istioVersions,
    List<String> analyzer,
    List<SourcePos> analyzerPositions,
    String config,
    TextOrigin configOrigin,
    Optional<CaseTopology> topology,
    List<CaseRequest> requests,
    Optional<Distribution> distribution,
    Optional<Totals> totals,
    Optional<ValidationSpec> validation) {

  public CaseFile {
    Objects.requireNonNull(file, "file");
    analyzer = List.copyOf(analyzer);
    analyzerPositions = List.copyOf(analyzerPositions);
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(configOrigin, "configOrigin");
    requests = List.copyOf(requests);
  }

  /** The namespace of objects without metadata.namespace: topology.namespace, else "default". */
  public String namespace() {
    return topology.map(CaseTopology::namespace).orElse("default");
  }

  /** The engine topology; an empty one in {@link #namespace()} when the file has none. */
  public Topology toTopology() {
    return topology.map(CaseTopology::toTopology).orElseGet(() -> Topology.empty(namespace()));
  }

  /** Loads {@code config} with positions that point into the case file. */
  public YamlLoadResult loadConfig(YamlLoader loader) {
    return loader.load(file, config, configOrigin);
  }

  public YamlLoadResult loadConfig() {
    return loadConfig(new YamlLoader());
  }
}
