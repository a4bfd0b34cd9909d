package io.trafficlab.engine.config;

import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.model.ResourceKind;
import io.trafficlab.engine.config.yaml.YamlDocument;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.config.yaml.YamlMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resources straight from YAML, without the schema layer in front: for tests that feed the webhook or
 * the analyzer trees the schema would have rejected (hostile shapes, rules behind schema rules).
 * Documents without a known kind or a name are skipped; the namespace is metadata.namespace or
 * "default".
 */
public final class RawResources {
  private RawResources() {}

  public static List<Resource> read(String file, String yaml) {
    List<Resource> out = new ArrayList<>();
    for (YamlDocument doc : new YamlLoader().load(file, yaml).documents()) {
      if (!(doc.root() instanceof YamlMap root)) {
        continue;
      }
      Optional<ResourceKind> kind = root.string("kind").flatMap(ResourceKind::byKindName);
      Optional<YamlMap> metadata = root.map("metadata");
      Optional<String> name = metadata.flatMap(m -> m.string("name"));
      if (kind.isEmpty() || name.isEmpty()) {
        continue;
      }
      String namespace = metadata.flatMap(m -> m.string("namespace")).orElse("default");
      YamlMap spec = root.map("spec").orElse(new YamlMap(List.of(), root.pos(), "spec"));
      out.add(new Resource(kind.get(), root.string("apiVersion").orElse(""), name.get(), namespace,
          root, spec, file, doc.index()));
    }
    return out;
  }
}
