package io.trafficlab.engine.config.delegation;

import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Istio's {@code mergeHTTPRoute} (Istio 1.24+): a delegate rule merged into the root rule that
 * delegates to it. The merged rule keeps every field of the delegate rule; the fields in
 * {@link #INHERITED} that the delegate rule leaves unset come from the root rule, whole (a delegate
 * {@code headers} block replaces the root's, it is not merged with it). Matches merge as in
 * {@link MatchMerge}; names join as {@code root-delegate}.
 */
final class RouteMerge {
  private RouteMerge() {}

  /**
   * The HTTPRoute fields a delegate rule inherits when unset, in mergeHTTPRoute's order. The route
   * itself ({@code route}) and {@code redirect} never come from the root: a root rule with
   * {@code delegate} may not have them (webhook).
   */
  static final List<String> INHERITED = List.of("rewrite", "directResponse", "timeout", "retries",
      "fault", "mirror", "mirrorPercent", "mirrorPercentage", "corsPolicy", "mirrors", "headers");

  /** Fields of the delegate rule that the merged rule does not carry as written. */
  private static final Set<String> REPLACED = Set.of("match", "name");

  /** A merged rule, or why the delegate rule was left out. */
  record Outcome(Optional<HttpRule> rule, MatchMerge.Result matches) {}

  /**
   * Merges rule {@code index} of {@code delegate} into {@code root} (a rule as written, with
   * {@code delegate}). The delegate rule's gateways resolve in the delegate's namespace.
   */
  static Outcome merge(HttpRule root, Resource delegate, int index, YamlMap delegateRule) {
    List<YamlReads.Indexed> written = YamlReads.indexed(delegateRule, "match");
    List<HttpRule.Match> leaves = written.stream()
        .map(m -> new HttpRule.Match(m.node(), Gateways.resolveAll(m.node(), delegate.namespace()),
            -1, m.index()))
        .toList();
    MatchMerge.Result matches = MatchMerge.merge(root.matches(), leaves);
    if (matches.conflict()) {
      return new Outcome(Optional.empty(), matches);
    }
    List<YamlMap.Entry> fields = new ArrayList<>();
    for (YamlMap.Entry e : delegateRule.entries()) {
      if (!REPLACED.contains(e.name())) {
        fields.add(e);
      }
    }
    Set<String> inherited = new LinkedHashSet<>();
    for (String f : INHERITED) {
      if (Fields.isSet(delegateRule, f)) {
        continue;
      }
      Optional<YamlMap.Entry> fromRoot = Fields.entry(root.fields(), f);
      if (fromRoot.isPresent()) {
        fields.add(Fields.renamed(fromRoot.get(), f));
        inherited.add(f);
      }
    }
    String rootName = root.name().orElse("");
    String name = Fields.text(delegateRule, "name");
    if (name.isEmpty()) {
      name = rootName;
    } else if (!rootName.isEmpty()) {
      name = rootName + "-" + name;
    }
    HttpRule merged = new HttpRule(root.vs(), root.index(),
        new YamlMap(fields, delegateRule.pos(), delegateRule.path()),
        name.isEmpty() ? Optional.empty() : Optional.of(name), matches.matches(),
        Optional.of(new HttpRule.Delegated(delegate, index, inherited, root.matches().size(),
            leaves.size())));
    return new Outcome(Optional.of(merged), matches);
  }
}
