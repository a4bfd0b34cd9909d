package io.trafficlab.engine.config.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Layer;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Test-side YAML: flow text to trees, trees to a canonical text (keys sorted) for comparisons. */
final class Trees {
  private Trees() {}

  static YamlNode node(String yaml) {
    YamlLoadResult r = new YamlLoader().load("t.yaml", yaml);
    assertThat(r.ok()).as("YAML %s: %s", yaml, r.diagnostics()).isTrue();
    return r.documents().get(0).root();
  }

  static YamlMap map(String yaml) {
    return (YamlMap) node(yaml);
  }

  /** The mapping items of a flow sequence such as {@code [{uri: {prefix: /a}}]}. */
  static List<YamlMap> maps(String yaml) {
    return ((YamlSeq) node(yaml)).items().stream().map(n -> (YamlMap) n).toList();
  }

  /** Match blocks of a rule written in namespace {@code ns}, as the root side of a merge. */
  static List<HttpRule.Match> rootMatches(String yaml, String ns) {
    List<YamlMap> ms = maps(yaml);
    return java.util.stream.IntStream.range(0, ms.size())
        .mapToObj(i -> new HttpRule.Match(ms.get(i), Gateways.resolveAll(ms.get(i), ns), i, -1))
        .toList();
  }

  /** Match blocks of a delegate rule written in namespace {@code ns}. */
  static List<HttpRule.Match> delegateMatches(String yaml, String ns) {
    List<YamlMap> ms = maps(yaml);
    return java.util.stream.IntStream.range(0, ms.size())
        .mapToObj(i -> new HttpRule.Match(ms.get(i), Gateways.resolveAll(ms.get(i), ns), -1, i))
        .toList();
  }

  /** Keys sorted, flow style: {@code {uri: {prefix: /a}}}. */
  static String canon(YamlNode n) {
    if (n == null) {
      return "~";
    }
    if (n instanceof YamlScalar s) {
      return s.isNull() ? "~" : s.value();
    }
    if (n instanceof YamlSeq q) {
      return q.items().stream().map(Trees::canon).collect(Collectors.joining(", ", "[", "]"));
    }
    return ((YamlMap) n).entries().stream().sorted(Comparator.comparing(YamlMap.Entry::name))
        .map(e -> e.name() + ": " + canon(e.value())).collect(Collectors.joining(", ", "{", "}"));
  }

  static String canon(List<HttpRule.Match> matches) {
    return matches.stream().map(m -> canon(m.node())).collect(Collectors.joining(", ", "[", "]"));
  }

  /** The resources of a multi-document YAML text with no schema error (default namespace "default"). */
  static ConfigSet config(String yaml) {
    FrontEndResult r = new ConfigFrontEnd().validate("c.yaml", yaml, "default", Optional.empty());
    assertThat(r.diagnostics()).as("schema errors").noneMatch(d -> d.layer() == Layer.SCHEMA && d.isError());
    return r.config();
  }

  static Resource vs(ConfigSet config, String name) {
    return config.virtualServices().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }
}
