package io.trafficlab.labs.bench;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.ExerciseSource;
import io.trafficlab.labs.pack.PackLoader;
import io.trafficlab.labs.run.EngineTrafficLab;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Wall-clock time of grading one typical exercise on the real engine (not a test: run it with
 * {@code labs/bench/grading-time.sh}). Default: the built-in canary-split solution, whose two
 * distributions send 2000 requests. Arguments: [pack dir] [exercise] [runs] [warm-up runs]
 * (default 1 warm-up; a server that has graded for a while is warmer: try 20).
 */
public final class GradingTiming {
  private GradingTiming() {}

  public static void main(String[] args) {
    Path pack = Path.of(args.length > 0 ? args[0] : "content/packs/istio-traffic-management");
    String id = args.length > 1 ? args[1] : "canary-split";
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 9;
    int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    var loaded = new PackLoader().load(pack).pack();
    ExerciseSource src = loaded.exercise(id).orElseThrow(() -> new IllegalArgumentException("no exercise " + id));
    Exercise ex = new ExerciseParser().parse(loaded.id(), src, 0).exercise();
    Grader grader = new Grader(new ConfigFrontEnd(), new EngineTrafficLab());
    for (int i = 0; i < warmUp; i++) {
      grader.grade(ex, ex.solution(), Grader.Options.DEFAULT, Grader.Clock.SYSTEM);
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      GradeReport r = grader.grade(ex, ex.solution(), Grader.Options.DEFAULT, Grader.Clock.SYSTEM);
      if (r.score() != r.maxScore()) {
        throw new IllegalStateException("the solution scored " + r.score() + "/" + r.maxScore());
      }
      ms.add(r.durationMs());
    }
    Collections.sort(ms);
    System.out.printf(Locale.ROOT,
        "%s/%s: %d runs after %d warm-up, p50 %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms (time scale %.0f)%n",
        loaded.id(), id, runs, warmUp, ms.get(ms.size() / 2),
        ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.95) - 1)), ms.get(0),
        ms.get(ms.size() - 1), Grader.Options.DEFAULT.timeScale());
  }
}
