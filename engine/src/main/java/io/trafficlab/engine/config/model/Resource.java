package io.trafficlab.engine.config.model;

import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlMap;
import java.util.Objects;

/**
 * One object of the input (a Gateway, VirtualService, DestinationRule, Deployment or Service) with
 * its YAML tree. {@code namespace} is already defaulted (metadata.namespace, else the topology's
 * namespace). {@code spec} is the spec mapping, or an empty mapping when the field was missing
 * (that is reported separately).
 */
public record Resource(
    ResourceKind kind, String apiVersion, String name, String namespace, YamlMap root, YamlMap spec,
    String file, int documentIndex) {

  public Resource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(spec, "spec");
  }

  /** {@code VirtualService default/reviews}, the form diagnostics use. */
  public String ref() {
    return kind.kindName() + " " + namespace + "/" + name;
  }

  public SourcePos pos() {
    return root.pos();
  }
}
