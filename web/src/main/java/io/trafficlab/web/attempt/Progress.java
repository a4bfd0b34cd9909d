package io.trafficlab.web.attempt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner's standing per exercise ({@code pack/exercise} → best score, passed), computed from their
 * attempts. Empty for anonymous visitors.
 */
public record Progress(Map<String, Standing> byExercise) {
  public static final Progress NONE = new Progress(Map.of());

  /** Best score and whether any attempt passed. */
  public record Standing(int bestScore, int maxScore, boolean passed, int attempts) {}

  public Progress {
    byExercise = Map.copyOf(byExercise);
  }

  public static Progress of(List<Attempt> attempts) {
    Map<String, Standing> m = new HashMap<>();
    for (Attempt a : attempts) {
      Standing s = new Standing(a.score(), a.maxScore(), "pass".equals(a.status()), 1);
      m.merge(a.packId() + "/" + a.exerciseId(), s, (x, y) -> new Standing(Math.max(x.bestScore(), y.bestScore()),
          Math.max(x.maxScore(), y.maxScore()), x.passed() || y.passed(), x.attempts() + y.attempts()));
    }
    return new Progress(m);
  }

  public Standing get(String packId, String exerciseId) {
    return byExercise.get(packId + "/" + exerciseId);
  }

  public long passedIn(String packId) {
    return byExercise.entrySet().stream().filter(e -> e.getKey().startsWith(packId + "/") && e.getValue().passed()).count();
  }
}
