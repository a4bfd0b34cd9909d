package io.trafficlab.web.exercise;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many hints of each task anonymous visitors opened, per exercise, in memory (bounded, least
 * recently used evicted). Anonymous work is not stored, like anonymous attempts: losing this on a
 * restart, or not seeing it on another web node, only means hints start folded again. Signed-in
 * learners' hints are in the database ({@link OpenedHintRepository}).
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

  /** Hints shown per task of this visitor's exercise. */
  synchronized Map<Integer, Integer> shown(String visitor, String exercise) {
    String prefix = visitor + "|" + exercise + "|";
    Map<Integer, Integer> out = new HashMap<>();
    shown.forEach((k, n) -> {
      if (k.startsWith(prefix)) {
        out.put(Integer.parseInt(k.substring(prefix.length())), n);
      }
    });
    return out;
  }

  /** Makes at least {@code atLeast} hints of the task visible (the grader shows the first on a failure). */
  synchronized void atLeast(String visitor, String exercise, int task, int atLeast) {
    shown.merge(visitor + "|" + exercise + "|" + task, atLeast, Math::max);
  }

  /** Opens the next hint, up to {@code total}; returns how many are shown now. */
  synchronized int next(String visitor, String exercise, int task, int total) {
    return shown.merge(visitor + "|" + exercise + "|" + task, Math.min(1, total), (a, b) -> Math.min(total, a + 1));
  }
}
