package io.trafficlab.web.pack;

import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.ExerciseSource;
import io.trafficlab.labs.pack.PackLoader;
import io.trafficlab.labs.pack.PackProblems;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides whether an uploaded pack may be served. The default reads every file ({@link PackLoader})
 * and parses every exercise in every variant; the full {@code trafficlab pack validate} rules
 * (solutions score 100 %, starters fail) can take its place once they exist.
 */
@FunctionalInterface
public interface PackValidator {

  PackProblems validate(PackLoader.Loaded loaded);

  /** PackLoader's problems plus those of every exercise variant, each problem once. */
  PackValidator FILES_AND_EXERCISES = loaded -> {
    PackProblems out = new PackProblems();
    Set<String> seen = new HashSet<>();
    PackProblems all = new PackProblems();
    all.addAll(loaded.problems());
    ExerciseParser parser = new ExerciseParser();
    for (ExerciseSource src : loaded.pack().exercises()) {
      for (int v = 0; v < src.variants().size(); v++) {
        all.addAll(parser.parse(loaded.pack().id(), src, v).problems());
      }
    }
    for (PackProblems.Problem p : all.list()) {
      if (seen.add(p.render())) {
        out.add(p.pos(), p.message(), p.hint());
      }
    }
    return out;
  };
}
