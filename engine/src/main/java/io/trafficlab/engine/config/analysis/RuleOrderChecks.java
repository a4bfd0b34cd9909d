package io.trafficlab.engine.config.analysis;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.diag.Layer;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rules that can never match (Istio's {@code analyzeUnreachableHTTPRules}): IST0130 for a rule after
 * a catch-all or whose matches all repeat earlier ones, IST0131 for a match that an earlier match
 * duplicates or covers. Istio only detects equal matches and prefix-under-prefix; here an earlier
 * match covers a later one when each of its conditions accepts everything the later one's does
 * (e.g. {@code prefix: /reviews} before {@code exact: /reviews/special}), because the first matching
 * rule wins.
 */
final class RuleOrderChecks {
  private RuleOrderChecks() {}

  private static final Set<String> STRING_MATCH_KEYS = Set.of("uri", "scheme", "method", "authority");
  private static final Set<String> MAP_MATCH_KEYS = Set.of("headers", "queryParams");

  /**
   * Coverage is pairwise; past this many distinct matches in one VirtualService only exact
   * duplicates are looked for, so hostile input stays linear.
   */
  static final int MAX_COVERAGE_MATCHES = 256;

  private record Seen(int rule, String ruleName, YamlMap match) {}

  static void run(AnalysisContext ctx) {
    for (Resource vs : ctx.config().virtualServices()) {
      analyze(ctx, vs);
    }
  }

  private static void analyze(AnalysisContext ctx, Resource vs) {
    List<String> webhookSaid = new ArrayList<>();
    for (Diagnostic d : ctx.reported()) {
      if (d.layer() == Layer.WEBHOOK && d.resource().equals(vs.ref())) {
        webhookSaid.add(d.message().toLowerCase(Locale.ROOT));
      }
    }
    List<Seen> seen = new ArrayList<>();
    Map<String, Seen> byCanonical = new HashMap<>();
    int catchAll = -1;
    for (YamlReads.Indexed rule : AnalysisContext.httpRules(vs)) {
      String name = routeName(rule);
      List<YamlReads.Indexed> matches = YamlReads.indexed(rule.node(), "match");
      if (matches.isEmpty()) {
        if (catchAll >= 0) {
          unreachable(ctx, vs, webhookSaid, rule.node(), name, "only the last rule can have no matches",
              "rule #" + catchAll + " has no match, so it takes every request; rules after it never "
                  + "run. Give this rule a match or remove it");
        }
        catchAll = rule.index();
        continue;
      }
      if (catchAll >= 0) {
        unreachable(ctx, vs, webhookSaid, rule.node(), name, "route without matches defined before",
            "rule #" + catchAll + " has no match, so it takes every request; move this rule above it");
        continue;
      }
      int ineffective = 0;
      for (YamlReads.Indexed m : matches) {
        String matchName = requestName(m);
        String canonical = Canonical.of(m.node(), true);
        Optional<Seen> dup = Optional.ofNullable(byCanonical.get(canonical));
        Optional<Seen> cover = dup.isPresent() || seen.size() > MAX_COVERAGE_MATCHES ? dup
            : seen.stream().filter(s -> covers(s.match(), m.node())).findFirst();
        if (cover.isPresent()) {
          ineffective++;
          String hint = dup.isPresent()
              ? "the same match appears in rule " + cover.get().ruleName() + ", which is checked "
                  + "first; remove one of them"
              : "every request this match accepts is already taken by rule " + cover.get().ruleName()
                  + " (" + describe(cover.get().match()) + "): rules are checked in order and the "
                  + "first match wins, not the most specific one. Move the more specific rule first";
          if (!said(webhookSaid, name)) {
            ctx.report(DiagnosticCode.IST0131, m.node(), vs, hint, name, matchName,
                cover.get().ruleName());
          }
        } else {
          Seen entry = new Seen(rule.index(), name, m.node());
          seen.add(entry);
          byCanonical.putIfAbsent(canonical, entry);
        }
      }
      if (ineffective == matches.size()) {
        unreachable(ctx, vs, webhookSaid, rule.node(), name, "all matches used by prior rules",
            "earlier rules already take every request this rule matches; reorder or remove it");
      }
    }
  }

  private static void unreachable(AnalysisContext ctx, Resource vs, List<String> webhookSaid,
      YamlNode at, String rule, String reason, String hint) {
    if (!said(webhookSaid, rule)) {
      ctx.report(DiagnosticCode.IST0130, at, vs, hint, rule, reason);
    }
  }

  /** Istio's webhook warns about unused rules too; never repeat a webhook finding. */
  private static boolean said(List<String> webhookMessages, String rule) {
    String needle = ("rule " + rule + " ").toLowerCase(Locale.ROOT);
    return webhookMessages.stream().anyMatch(m -> m.contains(needle) && m.contains("not used"));
  }

  static String routeName(YamlReads.Indexed rule) {
    return YamlReads.text(rule.node(), "name").map(n -> "\"" + n + "\"").orElse("#" + rule.index());
  }

  private static String requestName(YamlReads.Indexed match) {
    return YamlReads.text(match.node(), "name").map(n -> "\"" + n + "\"").orElse("#" + match.index());
  }

  /** True when every request that {@code later} accepts is accepted by {@code earlier}. */
  static boolean covers(YamlMap earlier, YamlMap later) {
    if (isTrue(later, "ignoreUriCase") && !isTrue(earlier, "ignoreUriCase")) {
      return false;
    }
    for (YamlMap.Entry e : earlier.entries()) {
      String key = e.name();
      if (key.equals("name") || (key.equals("ignoreUriCase") && !isTrue(earlier, key))) {
        continue;
      }
      YamlNode mine = e.value();
      YamlNode theirs = later.get(key);
      if (theirs == null) {
        return false;
      }
      boolean ok;
      if (STRING_MATCH_KEYS.contains(key)) {
        ok = stringMatchCovers(mine, theirs);
      } else if (MAP_MATCH_KEYS.contains(key)) {
        ok = mapCovers(mine, theirs);
      } else {
        ok = Canonical.of(mine, false).equals(Canonical.of(theirs, false));
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTrue(YamlMap m, String key) {
    return YamlReads.scalar(m, key).flatMap(YamlScalar::asBoolean).orElse(false);
  }

  private static boolean mapCovers(YamlNode mine, YamlNode theirs) {
    if (!(mine instanceof YamlMap a) || !(theirs instanceof YamlMap b)) {
      return false;
    }
    for (YamlMap.Entry e : a.entries()) {
      YamlNode other = b.get(e.name());
      if (other == null || !stringMatchCovers(e.value(), other)) {
        return false;
      }
    }
    return true;
  }

  /** A StringMatch that accepts every value the other accepts ({@code {}} = presence). */
  private static boolean stringMatchCovers(YamlNode mine, YamlNode theirs) {
    if (Canonical.of(mine, false).equals(Canonical.of(theirs, false))) {
      return true;
    }
    if (!(mine instanceof YamlMap a) || !(theirs instanceof YamlMap b)) {
      return false;
    }
    if (a.isEmpty()) {
      return true;
    }
    Optional<String> prefix = YamlReads.scalar(a, "prefix").map(YamlScalar::value);
    if (prefix.isEmpty() || a.size() != 1) {
      return false;
    }
    Optional<String> other = YamlReads.scalar(b, "prefix").or(() -> YamlReads.scalar(b, "exact"))
        .map(YamlScalar::value);
    return b.size() == 1 && other.isPresent() && other.get().startsWith(prefix.get());
  }

  /** A short description of a match for hints: {@code uri prefix /reviews}. */
  private static String describe(YamlMap match) {
    List<String> parts = new ArrayList<>();
    for (YamlMap.Entry e : match.entries()) {
      if (e.name().equals("name")) {
        continue;
      }
      if (e.value() instanceof YamlMap m && STRING_MATCH_KEYS.contains(e.name()) && m.size() == 1) {
        YamlMap.Entry only = m.entries().get(0);
        parts.add(e.name() + " " + only.name() + " "
            + (only.value() instanceof YamlScalar s ? s.value() : "..."));
      } else {
        parts.add(e.name() + " ...");
      }
    }
    return parts.isEmpty() ? "an empty match" : String.join(", ", parts);
  }
}
