package io.trafficlab.web.exercise;

import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.web.account.User;
import io.trafficlab.web.account.Visitor;
import java.util.Map;

/**
 * How far a visitor opened each task's progressive hints. A signed-in learner's progress is stored
 * in the database, so it survives a restart and every web node agrees; an anonymous visitor's is
 * kept in memory for the visit only, as the app keeps no anonymous attempts either.
 */
final class HintProgress {
  private final OpenedHintRepository stored;
  private final HintLedger anonymous = new HintLedger();

  HintProgress(OpenedHintRepository stored) {
    this.stored = stored;
  }

  /** Hints shown per task of the visitor's variant of this exercise. */
  Map<Integer, Integer> shown(Visitor v, Exercise ex) {
    return v.user().map(u -> stored.shown(owner(u, ex))).orElseGet(() -> anonymous.shown(v.browserKey(), key(ex)));
  }

  /** Shows the first hint of a task that just failed (a learner who opened more keeps them). */
  void showFirst(Visitor v, Exercise ex, int task) {
    if (v.user().isPresent()) {
      stored.atLeast(owner(v.user().get(), ex), task, 1);
    } else {
      anonymous.atLeast(v.browserKey(), key(ex), task, 1);
    }
  }

  /** Opens the next of the task's {@code total} hints; answers how many are shown now. */
  int next(Visitor v, Exercise ex, int task, int total) {
    return v.user().map(u -> stored.next(owner(u, ex), task, total))
        .orElseGet(() -> anonymous.next(v.browserKey(), key(ex), task, total));
  }

  private static OpenedHintRepository.Owner owner(User u, Exercise ex) {
    return new OpenedHintRepository.Owner(u.id(), ex.packId(), ex.id(), ex.variantIndex());
  }

  private static String key(Exercise ex) {
    return ex.ref() + "#" + ex.variantIndex();
  }
}
