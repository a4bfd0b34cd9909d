package io.trafficlab.engine.config;

import io.trafficlab.engine.config.analysis.Analyzer;
import io.trafficlab.engine.config.analysis.TopologyFromConfig;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.schema.SchemaValidator;
import io.trafficlab.engine.config.webhook.WebhookValidator;
import io.trafficlab.engine.config.yaml.LoadLimits;
import io.trafficlab.engine.config.yaml.YamlDocument;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The config front end (DESIGN §3): YAML with positions, then the three validation layers. Schema
 * errors in a document drop that document from the {@link ConfigSet}; webhook and analysis findings
 * never drop anything.
 */
public final class ConfigFrontEnd {

  private final YamlLoader loader;
  private final SchemaValidator schema = new SchemaValidator();
  private final WebhookValidator webhook = new WebhookValidator();
  private final Analyzer analyzer = new Analyzer();

  public ConfigFrontEnd(LoadLimits limits) {
    this.loader = new YamlLoader(limits);
  }

  public ConfigFrontEnd() {
    this(LoadLimits.DEFAULT);
  }

  public YamlLoader loader() {
    return loader;
  }

  /**
   * Validates YAML text.
   *
   * @param topology the services and pods the config runs against, or empty when unknown; without
   *     it there are no "host not found" findings for service hosts
   */
  public FrontEndResult validate(String file, String text, String defaultNamespace,
      Optional<Topology> topology) {
    return validate(loader.load(file, text), defaultNamespace, topology);
  }

  public FrontEndResult validate(String file, byte[] bytes, String defaultNamespace,
      Optional<Topology> topology) {
    return validate(loader.load(file, bytes), defaultNamespace, topology);
  }

  /** Validates documents that were already loaded (e.g. the {@code config} of a case file). */
  public FrontEndResult validate(YamlLoadResult loaded, String defaultNamespace,
      Optional<Topology> topology) {
    List<Diagnostic> out = new ArrayList<>(loaded.diagnostics());
    List<Resource> resources = new ArrayList<>();
    for (YamlDocument doc : loaded.documents()) {
      schema.read(doc, defaultNamespace, out).ifPresent(resources::add);
    }
    ConfigSet config = new ConfigSet(resources);
    schema.checkDuplicates(config, out);
    for (Resource r : resources) {
      webhook.validate(r, out);
    }
    Optional<Topology> effective = TopologyFromConfig.merge(topology, config, defaultNamespace, out);
    analyzer.analyze(config, effective, out);
    return new FrontEndResult(config, out);
  }
}
