package io.trafficlab.engine.config.delegation;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How Istio combines the match blocks of a root rule and a delegate rule (pilot
 * {@code mergeHTTPMatchRequests}, {@code mergeHTTPMatchRequest}, {@code hasConflict} and
 * {@code stringMatchConflict}, Istio 1.24+). A delegate block must narrow some root block; every
 * compatible pair becomes one merged block, the delegate's conditions completed by the root's.
 * Where Istio only answers "conflict", this class also says why, for the diagnostic.
 */
final class MatchMerge {
  private MatchMerge() {}

  /** The StringMatch fields of HTTPMatchRequest, in hasConflict's order. */
  static final List<String> STRING_MATCHES = List.of("uri", "scheme", "method", "authority");

  /** The map fields merged key by key, the delegate's value winning. */
  private static final List<String> UNIONS =
      List.of("headers", "withoutHeaders", "queryParams", "sourceLabels");

  /**
   * The merged blocks, or the first delegate block that fits no root block.
   *
   * @param conflictingMatch that block's index in the delegate rule, -1 without conflict
   * @param reason why it fits none (one reason per root block), null without conflict
   */
  record Result(List<HttpRule.Match> matches, int conflictingMatch, String reason) {
    boolean conflict() {
      return reason != null;
    }
  }

  /**
   * {@code mergeHTTPMatchRequests}: without root blocks the delegate's stand as they are, without
   * delegate blocks the root's; otherwise root × delegate, conflicting pairs left out, and a delegate
   * block compatible with no root block drops the whole delegate rule.
   */
  static Result merge(List<HttpRule.Match> root, List<HttpRule.Match> delegate) {
    if (root.isEmpty()) {
      return new Result(delegate, -1, null);
    }
    if (delegate.isEmpty()) {
      return new Result(root, -1, null);
    }
    List<HttpRule.Match> out = new ArrayList<>();
    for (HttpRule.Match sub : delegate) {
      boolean found = false;
      List<String> reasons = new ArrayList<>();
      for (HttpRule.Match rm : root) {
        Optional<String> c = conflict(rm, sub);
        if (c.isPresent()) {
          reasons.add(root.size() > 1 ? "root match #" + rm.rootMatch() + ": " + c.get() : c.get());
          continue;
        }
        out.add(merged(rm, sub));
        found = true;
      }
      if (!found) {
        return new Result(List.of(), sub.delegateMatch(), String.join("; ", reasons));
      }
    }
    return new Result(out, -1, null);
  }

  /**
   * {@code hasConflict}: why the delegate block is not consistent with the root block, or empty.
   * Gateways compare resolved ({@code ns/name}), as pilot resolves them before merging.
   */
  static Optional<String> conflict(HttpRule.Match root, HttpRule.Match leaf) {
    YamlMap r = root.node();
    YamlMap l = leaf.node();
    for (String f : STRING_MATCHES) {
      Optional<String> c = stringMatchConflict(f, Fields.get(r, f), Fields.get(l, f));
      if (c.isPresent()) {
        return c;
      }
    }
    for (String[] f : new String[][] {{"headers", "header "}, {"withoutHeaders", "withoutHeaders "},
        {"queryParams", "query parameter "}}) {
      Optional<YamlMap> leaves = Fields.map(l, f[0]);
      if (leaves.isEmpty()) {
        continue;
      }
      Optional<YamlMap> roots = Fields.map(r, f[0]);
      for (YamlMap.Entry e : leaves.get().entries()) {
        YamlNode rootValue = roots.map(m -> m.get(e.name())).orElse(null);
        Optional<String> c = stringMatchConflict(f[1] + e.name(), rootValue, e.value());
        if (c.isPresent()) {
          return c;
        }
      }
    }
    boolean rootCase = Fields.bool(r, "ignoreUriCase");
    if (rootCase != Fields.bool(l, "ignoreUriCase")) {
      return Optional.of("ignoreUriCase is " + rootCase + " in the root's match and " + !rootCase
          + " in the delegate's");
    }
    long rp = Fields.uint(r, "port");
    long lp = Fields.uint(l, "port");
    if (rp > 0 && lp > 0 && rp != lp) {
      return Optional.of("port " + lp + " is not the root's port " + rp);
    }
    String rns = Fields.text(r, "sourceNamespace");
    String lns = Fields.text(l, "sourceNamespace");
    if (!rns.isEmpty() && !lns.equals(rns)) {
      return Optional.of("sourceNamespace: the root requires " + quote(rns) + " and the delegate "
          + (lns.isEmpty() ? "does not repeat it" : "has " + quote(lns)));
    }
    Optional<YamlMap> rootLabels = Fields.map(r, "sourceLabels");
    Optional<YamlMap> leafLabels = Fields.map(l, "sourceLabels");
    if (rootLabels.isPresent() && leafLabels.isPresent()) {
      for (YamlMap.Entry e : leafLabels.get().entries()) {
        if (rootLabels.get().get(e.name()) instanceof YamlScalar rv && !rv.isNull()
            && !(e.value() instanceof YamlScalar lv && lv.value().equals(rv.value()))) {
          return Optional.of("sourceLabels " + e.name() + ": the root requires " + quote(rv.value()));
        }
      }
    }
    List<String> rgw = root.gateways();
    List<String> lgw = leaf.gateways();
    if (!rgw.isEmpty() && !lgw.isEmpty()) {
      if (rgw.size() < lgw.size()) {
        return Optional.of("gateways " + lgw + " are more than the root's " + rgw);
      }
      Set<String> allowed = new HashSet<>(rgw);
      for (String gw : lgw) {
        if (!allowed.contains(gw)) {
          return Optional.of("gateway " + gw + " is not among the root's " + rgw);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * {@code stringMatchConflict}: both set and the delegate's not within the root's. Only exact
   * and prefix combine (exact under exact, exact or prefix under prefix); a regex on either side
   * conflicts with anything on the other, and so does a presence match ({@code {}}) of the root.
   * An empty string counts as unset, as proto3 getters return it.
   */
  static Optional<String> stringMatchConflict(String what, YamlNode rootNode, YamlNode leafNode) {
    if (!(rootNode instanceof YamlMap root) || !(leafNode instanceof YamlMap leaf)) {
      return Optional.empty();
    }
    String rr = Fields.text(root, "regex");
    String rp = Fields.text(root, "prefix");
    String re = Fields.text(root, "exact");
    String lr = Fields.text(leaf, "regex");
    String lp = Fields.text(leaf, "prefix");
    String le = Fields.text(leaf, "exact");
    if (!rr.isEmpty() && (!lr.isEmpty() || !lp.isEmpty() || !le.isEmpty())) {
      return Optional.of(what + ": the root matches it by regex " + quote(rr)
          + ", which a delegate cannot narrow");
    }
    if (!lr.isEmpty() && (!rp.isEmpty() || !re.isEmpty())) {
      return Optional.of(what + ": regex " + quote(lr) + " cannot be checked against the root's "
          + describe(root));
    }
    if (!re.isEmpty()) {
      if (!lp.isEmpty()) {
        return Optional.of(what + ": prefix " + quote(lp) + " cannot narrow the root's exact "
            + quote(re));
      }
      if (!le.equals(re)) {
        return Optional.of(what + ": " + describe(leaf) + " is not the root's exact " + quote(re));
      }
      return Optional.empty();
    }
    if (!rp.isEmpty()) {
      if (!lp.isEmpty()) {
        return lp.startsWith(rp) ? Optional.empty() : Optional.of(what + ": prefix " + quote(lp)
            + " is not under the root's prefix " + quote(rp));
      }
      if (!le.isEmpty()) {
        return le.startsWith(rp) ? Optional.empty() : Optional.of(what + ": exact " + quote(le)
            + " is not under the root's prefix " + quote(rp));
      }
    }
    return Optional.of(what + ": the delegate's " + describe(leaf) + " cannot be combined with the root's "
        + describe(root));
  }

  /**
   * {@code mergeHTTPMatchRequest}: the delegate's block, each condition it leaves unset taken from
   * the root's; headers, withoutHeaders, queryParams and sourceLabels joined key by key (the
   * delegate's value wins); names joined as {@code root-delegate}. Keys are written with their
   * JSON names whichever spelling was used.
   */
  static HttpRule.Match merged(HttpRule.Match root, HttpRule.Match leaf) {
    YamlMap r = root.node();
    YamlMap l = leaf.node();
    List<YamlMap.Entry> out = new ArrayList<>();
    String rn = Fields.text(r, "name");
    Optional<YamlMap.Entry> ln = Fields.entry(l, "name");
    if (ln.isEmpty() || Fields.text(l, "name").isEmpty()) {
      if (!rn.isEmpty()) {
        out.add(Fields.renamed(Fields.entry(r, "name").orElseThrow(), "name"));
      }
    } else if (rn.isEmpty()) {
      out.add(Fields.renamed(ln.get(), "name"));
    } else {
      YamlNode v = ln.get().value();
      out.add(new YamlMap.Entry(Fields.renamed(ln.get(), "name").key(),
          new YamlScalar(rn + "-" + Fields.text(l, "name"), false, v.pos(), v.path())));
    }
    for (String f : STRING_MATCHES) {
      Fields.entry(l, f).or(() -> Fields.entry(r, f)).ifPresent(e -> out.add(Fields.renamed(e, f)));
    }
    for (String f : UNIONS) {
      union(r, l, f).ifPresent(out::add);
    }
    Fields.entry(l, "ignoreUriCase").ifPresent(e -> out.add(Fields.renamed(e, "ignoreUriCase")));
    (Fields.uint(l, "port") > 0 ? Fields.entry(l, "port") : Fields.entry(r, "port"))
        .ifPresent(e -> out.add(Fields.renamed(e, "port")));
    for (String f : List.of("sourceNamespace", "statPrefix")) {
      (Fields.text(l, f).isEmpty() ? Fields.entry(r, f) : Fields.entry(l, f))
          .ifPresent(e -> out.add(Fields.renamed(e, f)));
    }
    boolean leafGateways = !leaf.gateways().isEmpty();
    (leafGateways ? Fields.entry(l, "gateways") : Fields.entry(r, "gateways"))
        .ifPresent(e -> out.add(Fields.renamed(e, "gateways")));
    return new HttpRule.Match(new YamlMap(out, l.pos(), l.path()),
        leafGateways ? leaf.gateways() : root.gateways(), root.rootMatch(), leaf.delegateMatch());
  }

  /** Go's {@code maps.MergeCopy(root, delegate)} on one map field, or empty when both are unset. */
  private static Optional<YamlMap.Entry> union(YamlMap r, YamlMap l, String field) {
    Optional<YamlMap.Entry> re = Fields.entry(r, field).filter(e -> e.value() instanceof YamlMap);
    Optional<YamlMap.Entry> le = Fields.entry(l, field).filter(e -> e.value() instanceof YamlMap);
    if (re.isEmpty() || le.isEmpty()) {
      return le.or(() -> re).map(e -> Fields.renamed(e, field));
    }
    YamlMap rm = (YamlMap) re.get().value();
    YamlMap lm = (YamlMap) le.get().value();
    List<YamlMap.Entry> entries = new ArrayList<>();
    for (YamlMap.Entry e : rm.entries()) {
      entries.add(lm.entry(e.name()).orElse(e));
    }
    for (YamlMap.Entry e : lm.entries()) {
      if (!rm.has(e.name())) {
        entries.add(e);
      }
    }
    return Optional.of(new YamlMap.Entry(Fields.renamed(le.get(), field).key(),
        new YamlMap(entries, lm.pos(), lm.path())));
  }

  /** {@code exact "/a"}, {@code prefix "/a"}, {@code regex "/a.*"} or {@code any value ({})}. */
  private static String describe(YamlMap sm) {
    for (String kind : List.of("exact", "prefix", "regex")) {
      String v = Fields.text(sm, kind);
      if (!v.isEmpty()) {
        return kind + " " + quote(v);
      }
    }
    return "any value ({})";
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
