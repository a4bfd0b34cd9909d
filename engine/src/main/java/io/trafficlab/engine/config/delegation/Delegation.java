package io.trafficlab.engine.config.delegation;

import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlReads;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The VirtualServices of a config as pilot's {@code mergeVirtualServicesIfNeeded} sees them (Istio
 * 1.24+). A VirtualService without hosts is a delegate: it is never routed on its own, only through
 * a root, a VirtualService with hosts whose {@code http[]} rule names it in
 * {@code delegate: {name, namespace}} (the namespace defaults to the root's). That rule is replaced,
 * in place, by the delegate's rules, each merged with it ({@link RouteMerge}); a delegate rule whose
 * matches conflict with the root rule's is left out. A rule whose delegate is missing, has hosts, or
 * is not exported to the root's namespace routes nothing. Delegation is one level deep: a delegate
 * rule with {@code delegate} of its own is not followed (the webhook rejects it).
 *
 * <p>Short host names keep resolving in the namespace of the VirtualService that wrote them (pilot
 * resolves them before merging): see {@link HttpRule#namespaceOf(String)}.
 *
 * <p>Expansions are computed on first use and kept; an instance is meant for one compile or one
 * analysis run and is not thread-safe.
 */
public final class Delegation {

  /** Why a {@code delegate} reference routes nothing. */
  public enum Reason {
    /** No VirtualService has that namespace and name. */
    NOT_FOUND,
    /** The VirtualService named has hosts, so it is not a delegate. */
    NOT_A_DELEGATE,
    /** The delegate's {@code exportTo} does not include the root's namespace. */
    NOT_EXPORTED
  }

  /**
   * A root rule whose delegate cannot be used; Istio logs it and drops the rule.
   *
   * @param rule the root rule (it has {@code delegate})
   * @param target the {@code namespace/name} the rule names
   * @param found the VirtualService of that name, when there is one
   */
  public record Unresolved(Resource root, YamlReads.Indexed rule, String target, Reason reason,
      Optional<Resource> found) {}

  /**
   * A delegate rule left out: one of its match blocks is consistent with no block of the root rule
   * (Istio logs "HTTPMatchRequests conflict"), or merging it would pass {@link #MAX_MATCH_PAIRS}.
   *
   * @param rootRule index of the root rule in the root's {@code http}
   * @param rule the delegate rule
   * @param match index of the conflicting block in the delegate rule's {@code match}, -1 when the
   *     rule was left out for {@link #MAX_MATCH_PAIRS}
   * @param reason why it fits none of the root rule's blocks
   */
  public record Dropped(Resource root, int rootRule, Resource delegate, YamlReads.Indexed rule,
      int match, String reason) {}

  /** The effective rules of one VirtualService and what was dropped on the way. */
  public record Expansion(List<HttpRule> rules, List<Unresolved> unresolved, List<Dropped> dropped) {
    public Expansion {
      rules = List.copyOf(rules);
      unresolved = List.copyOf(unresolved);
      dropped = List.copyOf(dropped);
    }
  }

  /**
   * At most this many (root block, delegate block) pairs are examined for one VirtualService.
   * Merging pairs every root match block with every delegate match block, so hostile input could
   * ask for millions of merged blocks; no real configuration comes near this (Istio itself has no
   * limit). Delegate rules past it are left out and reported.
   */
  public static final int MAX_MATCH_PAIRS = 10_000;

  private final Map<String, Resource> delegates = new LinkedHashMap<>();
  private final Map<String, Resource> routed = new LinkedHashMap<>();
  private final Map<Resource, Expansion> expansions = new IdentityHashMap<>();

  /** Indexes the VirtualServices of {@code config} by {@code namespace/name}; the first of a name wins. */
  public Delegation(ConfigSet config) {
    for (Resource vs : config.virtualServices()) {
      (isDelegate(vs) ? delegates : routed).putIfAbsent(vs.namespace() + "/" + vs.name(), vs);
    }
  }

  /** A VirtualService without hosts: used only through a root's {@code delegate}. */
  public static boolean isDelegate(Resource vs) {
    return YamlReads.list(vs.spec(), "hosts").isEmpty();
  }

  /** The delegates of the config, in input order. */
  public List<Resource> delegates() {
    return List.copyOf(delegates.values());
  }

  /** The http rules routes are built from: {@link #expand(Resource)}'s rules. */
  public List<HttpRule> rules(Resource vs) {
    return expand(vs).rules();
  }

  /**
   * The effective http rules of {@code vs}, in order. For a VirtualService with hosts, each rule
   * with {@code delegate} is replaced by the merged rules of its delegate; other rules, and every
   * rule of a delegate, stand as written.
   */
  public Expansion expand(Resource vs) {
    return expansions.computeIfAbsent(vs, this::compute);
  }

  /** The {@code namespace/name} a rule's {@code delegate} names, or empty without one. */
  public static Optional<String> target(Resource root, YamlMap rule) {
    Optional<YamlMap> ref = YamlReads.map(rule, "delegate");
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    String ns = YamlReads.text(ref.get(), "namespace").orElse(root.namespace());
    return Optional.of(ns + "/" + YamlReads.str(ref.get(), "name"));
  }

  private Expansion compute(Resource vs) {
    List<HttpRule> rules = new ArrayList<>();
    List<Unresolved> unresolved = new ArrayList<>();
    List<Dropped> dropped = new ArrayList<>();
    boolean root = !isDelegate(vs);
    long pairs = 0;
    for (YamlReads.Indexed r : YamlReads.indexed(vs.spec(), "http")) {
      HttpRule written = HttpRule.asWritten(vs, r.index(), r.node());
      Optional<String> target = root ? target(vs, r.node()) : Optional.empty();
      if (target.isEmpty()) {
        rules.add(written);
        continue;
      }
      Resource delegate = delegates.get(target.get());
      if (delegate == null) {
        Optional<Resource> other = Optional.ofNullable(routed.get(target.get()));
        unresolved.add(new Unresolved(vs, r, target.get(),
            other.isPresent() ? Reason.NOT_A_DELEGATE : Reason.NOT_FOUND, other));
        continue;
      }
      if (!exportedTo(delegate, vs.namespace())) {
        unresolved.add(new Unresolved(vs, r, target.get(), Reason.NOT_EXPORTED,
            Optional.of(delegate)));
        continue;
      }
      for (YamlReads.Indexed d : YamlReads.indexed(delegate.spec(), "http")) {
        long bound = (long) Math.max(1, written.matches().size())
            * Math.max(1, YamlReads.indexed(d.node(), "match").size());
        if (pairs + bound > MAX_MATCH_PAIRS) {
          dropped.add(new Dropped(vs, r.index(), delegate, d, -1, "trafficlab pairs at most "
              + MAX_MATCH_PAIRS + " root and delegate match blocks for one VirtualService (a "
              + "limit of the simulator, not of Istio)"));
          continue;
        }
        pairs += bound;
        RouteMerge.Outcome o = RouteMerge.merge(written, delegate, d.index(), d.node());
        if (o.rule().isPresent()) {
          rules.add(o.rule().get());
        } else {
          dropped.add(new Dropped(vs, r.index(), delegate, d, o.matches().conflictingMatch(),
              o.matches().reason()));
        }
      }
    }
    return new Expansion(rules, unresolved, dropped);
  }

  /**
   * Istio's visibility test for a delegate: its {@code exportTo} names {@code *} or the root's
   * namespace ({@code .} is the delegate's own). Without {@code exportTo} the mesh default applies,
   * which is "every namespace" (meshConfig {@code defaultVirtualServiceExportTo}; trafficlab has no
   * mesh config to change it).
   */
  public static boolean exportedTo(Resource delegate, String namespace) {
    List<String> exportTo = exportTo(delegate);
    if (exportTo.isEmpty()) {
      return true;
    }
    for (String e : exportTo) {
      String ns = e.equals(".") ? delegate.namespace() : e;
      if (ns.equals("*") || ns.equals(namespace)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code exportTo} entries as written. */
  public static List<String> exportTo(Resource vs) {
    return Fields.strings(vs.spec(), "exportTo");
  }
}
