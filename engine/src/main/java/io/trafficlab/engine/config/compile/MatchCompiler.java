package io.trafficlab.engine.config.compile;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.core.route.MatchBlock;
import io.trafficlab.engine.core.route.StringMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Compiles {@code HTTPMatchRequest} blocks into {@link MatchBlock}s (istio-semantics §5). */
final class MatchCompiler {
  private MatchCompiler() {}

  /** Keys the VirtualService docs say are ignored inside {@code headers}. */
  private static final Set<String> IGNORED_HEADER_KEYS = Set.of("uri", "scheme", "method", "authority");

  /** The block, or empty when a part cannot be compiled (e.g. a regex RE2 rejects). */
  static Optional<MatchBlock> compile(YamlMap match) {
    try {
      StringMatcher uri = stringMatch(match.map("uri")).orElse(null);
      if (uri != null && YamlReads.isTrue(match, "ignoreUriCase")) {
        uri = uri.ignoringCase();
      }
      if (uri != null && uri.kind() == StringMatcher.Kind.PRESENT) {
        uri = null;
      }
      List<MatchBlock.HeaderCondition> headers = new ArrayList<>();
      headers(match, "headers", false, headers);
      headers(match, "withoutHeaders", true, headers);
      List<MatchBlock.QueryCondition> query = new ArrayList<>();
      Optional<YamlMap> qp = match.map("queryParams");
      if (qp.isPresent()) {
        for (YamlMap.Entry e : qp.get().entries()) {
          query.add(new MatchBlock.QueryCondition(e.name(), presentOr(e.value())));
        }
      }
      return Optional.of(new MatchBlock(uri,
          nonPresence(stringMatch(match.map("scheme"))),
          nonPresence(stringMatch(match.map("method"))),
          nonPresence(stringMatch(match.map("authority"))), headers, query));
    } catch (RuntimeException badRegex) {
      return Optional.empty();
    }
  }

  private static void headers(YamlMap match, String key, boolean invert,
      List<MatchBlock.HeaderCondition> out) {
    Optional<YamlMap> m = match.map(key);
    if (m.isEmpty()) {
      return;
    }
    for (YamlMap.Entry e : m.get().entries()) {
      String name = e.name().toLowerCase(Locale.ROOT);
      if (IGNORED_HEADER_KEYS.contains(name)) {
        continue;
      }
      out.add(new MatchBlock.HeaderCondition(name, presentOr(e.value()), invert));
    }
  }

  /** {@code {}}, null and regex {@code *} mean "present". */
  private static StringMatcher presentOr(YamlNode node) {
    if (node instanceof YamlMap m) {
      Optional<String> regex = m.string("regex");
      if (regex.isPresent() && regex.get().equals("*")) {
        return StringMatcher.present();
      }
      return stringMatch(Optional.of(m)).orElse(StringMatcher.present());
    }
    return StringMatcher.present();
  }

  private static StringMatcher nonPresence(Optional<StringMatcher> m) {
    return m.filter(s -> s.kind() != StringMatcher.Kind.PRESENT).orElse(null);
  }

  /** exact, prefix or regex; an empty mapping is presence; absent is empty. */
  static Optional<StringMatcher> stringMatch(Optional<YamlMap> node) {
    if (node.isEmpty()) {
      return Optional.empty();
    }
    YamlMap m = node.get();
    Optional<String> exact = m.string("exact");
    if (exact.isPresent()) {
      return Optional.of(StringMatcher.exact(exact.get()));
    }
    Optional<String> prefix = m.string("prefix");
    if (prefix.isPresent()) {
      return Optional.of(StringMatcher.prefix(prefix.get()));
    }
    Optional<String> regex = m.string("regex");
    if (regex.isPresent()) {
      return Optional.of(StringMatcher.regex(regex.get()));
    }
    return Optional.of(StringMatcher.present());
  }
}
