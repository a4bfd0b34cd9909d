package io.trafficlab.engine.config.schema;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.diag.EditDistance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Name similarity for suggestions: normalized comparison, edit distance, proto-to-JSON names. */
final class Similar {

  private Similar() {}

  /** consecutive_5xx_errors -> consecutive5xxErrors (protoc's JSON name rule). */
  static String snakeToCamel(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    boolean upper = false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '_') {
        upper = sb.length() > 0;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  /** Lower case without '_' and '-': the form in which "the same name" is compared. */
  static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** Candidates within a small edit distance of {@code key}, best first. */
  static List<String> closest(String key, Collection<String> candidates) {
    String k = key.toLowerCase(Locale.ROOT);
    int limit = k.length() <= 3 ? 1 : k.length() <= 6 ? 2 : 3;
    int best = Integer.MAX_VALUE;
    List<String> out = new ArrayList<>();
    for (String c : candidates) {
      int d = EditDistance.withTranspositions(k, c.toLowerCase(Locale.ROOT));
      if (d > limit || d >= Math.max(c.length(), k.length())) {
        continue;
      }
      if (d < best) {
        best = d;
        out.clear();
      }
      if (d == best) {
        out.add(c);
      }
    }
    return out;
  }

  /** {@code "a", "b" or "c"}. */
  static String orList(List<String> names) {
    List<String> quoted = names.stream().map(DiagnosticCode::q).toList();
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or "
        + quoted.get(quoted.size() - 1);
  }
}
