package io.trafficlab.engine.config.delegation;

import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One http rule of a VirtualService as routes are built from it: either a rule as written, or a
 * rule of a delegate VirtualService merged into the root rule that delegates to it (Istio's
 * {@code mergeHTTPRoute}). Routing reads the rule only through this view: {@link #matches()} and
 * {@link #name()} supersede the {@code match} and {@code name} of {@link #fields()}, and
 * destinations resolve in {@link #namespaceOf(String)}, because the fields of a merged rule come
 * from two VirtualServices that may live in different namespaces.
 *
 * @param vs the VirtualService that owns the host (the root, for a merged rule)
 * @param index the rule's index in {@code vs}'s {@code http} list
 * @param fields the rule's fields (a merged rule: the delegate rule's, plus those it inherits)
 * @param name the route name ({@code root-delegate} for a merged rule, as Istio joins them)
 * @param matches the match blocks, in the order Envoy gets them
 * @param delegated where a merged rule came from; empty for a rule as written
 */
public record HttpRule(Resource vs, int index, YamlMap fields, Optional<String> name,
    List<Match> matches, Optional<Delegated> delegated) {

  /**
   * One match block.
   *
   * @param node the block's conditions (a merged block: the delegate's, completed by the root's)
   * @param gateways the block's {@code gateways}, resolved to {@code ns/name} (or {@code mesh}) in
   *     the namespace of the VirtualService that wrote them
   * @param rootMatch index in the root rule's {@code match} list, -1 when the root rule has none
   * @param delegateMatch index in the delegate rule's {@code match} list, -1 when it has none or
   *     the rule is not merged
   */
  public record Match(YamlMap node, List<String> gateways, int rootMatch, int delegateMatch) {
    public Match {
      Objects.requireNonNull(node, "node");
      gateways = List.copyOf(gateways);
    }
  }

  /**
   * The delegate side of a merged rule.
   *
   * @param delegate the delegate VirtualService
   * @param index the rule's index in the delegate's {@code http} list
   * @param inherited the JSON names of the fields taken from the root rule because the delegate
   *     rule leaves them unset
   * @param rootMatches how many match blocks the root rule has
   * @param delegateMatches how many match blocks the delegate rule has
   */
  public record Delegated(Resource delegate, int index, Set<String> inherited, int rootMatches,
      int delegateMatches) {
    public Delegated {
      inherited = Set.copyOf(inherited);
    }
  }

  public HttpRule {
    Objects.requireNonNull(vs, "vs");
    Objects.requireNonNull(fields, "fields");
    matches = List.copyOf(matches);
  }

  /** A rule as written: its own matches, gateways resolved in its VirtualService's namespace. */
  static HttpRule asWritten(Resource vs, int index, YamlMap rule) {
    List<YamlReads.Indexed> written = YamlReads.indexed(rule, "match");
    List<Match> matches = written.stream()
        .map(m -> new Match(m.node(), Gateways.resolveAll(m.node(), vs.namespace()), m.index(), -1))
        .toList();
    return new HttpRule(vs, index, rule, YamlReads.string(rule, "name"), matches, Optional.empty());
  }

  /**
   * The namespace that short host names in {@code field} resolve in ({@code route}, {@code mirror},
   * {@code mirrors}): Istio resolves every VirtualService's short names in its own namespace before
   * merging, so a delegate's destinations stay in the delegate's namespace and an inherited mirror
   * in the root's.
   */
  public String namespaceOf(String field) {
    if (delegated.isEmpty() || delegated.get().inherited().contains(field)) {
      return vs.namespace();
    }
    return delegated.get().delegate().namespace();
  }

  /**
   * The rule in explanations: {@code VirtualService default/reviews http[0].match[1] "name"}, and
   * for a merged rule both rules, {@code VirtualService istio-system/root http[0] → delegate
   * default/reviews-v2 http[1] "name"}. A match index is shown only where that rule has several.
   *
   * @param match the block the route was built from, or null for a rule without match blocks
   */
  public String label(Match match) {
    StringBuilder sb = new StringBuilder(vs.ref()).append(" http[").append(index).append(']');
    if (delegated.isEmpty()) {
      if (match != null && matches.size() > 1) {
        sb.append(".match[").append(match.rootMatch()).append(']');
      }
    } else {
      Delegated d = delegated.get();
      if (match != null && d.rootMatches() > 1 && match.rootMatch() >= 0) {
        sb.append(".match[").append(match.rootMatch()).append(']');
      }
      sb.append(" → delegate ").append(d.delegate().namespace()).append('/')
          .append(d.delegate().name()).append(" http[").append(d.index()).append(']');
      if (match != null && d.delegateMatches() > 1 && match.delegateMatch() >= 0) {
        sb.append(".match[").append(match.delegateMatch()).append(']');
      }
    }
    name.ifPresent(n -> sb.append(" \"").append(n).append('"'));
    return sb.toString();
  }
}
