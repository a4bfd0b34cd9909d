package io.trafficlab.web.exercise;

import io.trafficlab.web.account.Visitor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many hints of each task a learner has opened, per exercise: keyed by account when signed in,
 * else by session. Kept in memory (bounded, least recently used evicted): losing it on a restart
 * only means hints start folded again.
 */
final class HintLedger {
  private static final int MAX_ENTRIES = 20_000;

  private final Map<String, Integer> shown = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** Hints shown per task of this exercise. */
  synchronized Map<Integer, Integer> shown(Visitor v, String exerciseRef) {
    String prefix = owner(v) + "|" + exerciseRef + "|";
    Map<Integer, Integer> out = new HashMap<>();
    shown.forEach((k, n) -> {
      if (k.startsWith(prefix)) {
        out.put(Integer.parseInt(k.substring(prefix.length())), n);
      }
    });
    return out;
  }

  /** Makes at least {@code atLeast} hints of the task visible (the grader shows the first on a failure). */
  synchronized void atLeast(Visitor v, String exerciseRef, int task, int atLeast) {
    shown.merge(key(v, exerciseRef, task), atLeast, Math::max);
  }

  /** Opens the next hint, up to {@code total}; returns how many are shown now. */
  synchronized int next(Visitor v, String exerciseRef, int task, int total) {
    return shown.merge(key(v, exerciseRef, task), 1, (a, b) -> Math.min(total, a + 1));
  }

  private static String key(Visitor v, String exerciseRef, int task) {
    return owner(v) + "|" + exerciseRef + "|" + task;
  }

  private static String owner(Visitor v) {
    return v.user().map(u -> "u" + u.id()).orElse("s" + v.session().id());
  }
}
