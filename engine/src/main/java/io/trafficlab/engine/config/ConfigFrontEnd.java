package io.trafficlab.engine.config;

import io.trafficlab.engine.config.analysis.Analyzer;
import io.trafficlab.engine.config.analysis.TopologyFromConfig;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Layer;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The config front end (DESIGN §3): YAML with positions, then the three validation layers. Schema
 * errors in a document drop that document from the {@link ConfigSet}; webhook and analysis findings
 * never drop anything. A mistake is reported once: an analysis finding at a node that an earlier
 * layer already rejected is left out.
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
    ConfigSet config = schema.checkDuplicates(new ConfigSet(resources), out);
    for (Resource r : resources) {
      webhook.validate(r, out);
    }
    Optional<Topology> effective = TopologyFromConfig.merge(topology, config, defaultNamespace, out);
    analyzer.analyze(config, effective, out);
    return new FrontEndResult(config, withoutEchoes(out));
  }

  /**
   * Drops analysis findings at a node where the schema or webhook layer already reported an error,
   * so one mistake is reported once, by the layer that would stop it on a cluster: an invalid host
   * {@code reviews_svc} is a webhook error, not also "host not found" (a cluster rejects the object
   * before {@code istioctl analyze} could see it; Istio's analyzer would only echo the webhook as
   * IST0133).
   */
  static List<Diagnostic> withoutEchoes(List<Diagnostic> all) {
    Set<String> rejected = new HashSet<>();
    for (Diagnostic d : all) {
      if (d.isError() && d.layer() != Layer.ANALYSIS && d.line() > 0) {
        rejected.add(place(d));
      }
    }
    if (rejected.isEmpty()) {
      return all;
    }
    return all.stream()
        .filter(d -> d.layer() != Layer.ANALYSIS || !rejected.contains(place(d)))
        .toList();
  }

  private static String place(Diagnostic d) {
    return d.file() + ":" + d.line() + ":" + d.column();
  }
}
