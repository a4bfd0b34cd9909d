package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.diag.EditDistance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" for misspelt keys and values: edit distance, case and separators ignored. */
final class Suggest {
  private Suggest() {}

  /** The closest candidates, best first; empty when nothing is close. */
  static List<String> closest(String written, Collection<String> candidates) {
    String w = norm(written);
    record Scored(String name, int score) {}
    List<Scored> scored = new ArrayList<>();
    for (String c : candidates) {
      String n = norm(c);
      int d = EditDistance.levenshtein(w, n, 3);
      boolean close = d <= Math.max(1, Math.min(3, n.length() / 3))
          || (w.length() >= 4 && (n.startsWith(w) || w.startsWith(n) || n.contains(w)));
      if (close) {
        scored.add(new Scored(c, d));
      }
    }
    return scored.stream().sorted(Comparator.comparingInt(Scored::score)).limit(3)
        .map(Scored::name).toList();
  }

  /** {@code did you mean "status"?} or "" */
  static String didYouMean(String written, Collection<String> candidates) {
    List<String> c = closest(written, candidates);
    if (c.isEmpty()) {
      return "";
    }
    return "did you mean " + String.join(" or ", c.stream().map(s -> "\"" + s + "\"").toList()) + "?";
  }

  /** Case, separators and look-alike digits (0/O, 1/l) do not count as differences. */
  private static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace('0', 'o')
        .replace('1', 'l');
  }
}
