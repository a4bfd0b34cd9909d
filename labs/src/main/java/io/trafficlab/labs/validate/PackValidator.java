package io.trafficlab.labs.validate;

import io.trafficlab.engine.cases.CaseLoader;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.labs.grade.CheckResult;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.grade.Misconceptions;
import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.ExerciseSource;
import io.trafficlab.labs.pack.Lesson;
import io.trafficlab.labs.pack.Pack;
import io.trafficlab.labs.pack.PackLoader;
import io.trafficlab.labs.pack.PackProblems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Lints a pack. Without a {@link TrafficLab} it checks what needs no traffic: every file's schema,
 * cross references, the case vocabulary of every check, the solution's validity and the
 * diagnostic/pattern part of every misconception's example. With one it also grades, for every
 * variant: the solution (must score 100 %), the starter (must not), every misconception example
 * (must be recognised), and requires every check to be failed by the starter or some example.
 */
public final class PackValidator {

  /** The outcome: all problems with positions, and one verdict per exercise. */
  public record Report(Pack pack, List<PackProblems.Problem> problems, List<ExerciseVerdict> exercises,
      boolean trafficRun) {
    public Report {
      problems = List.copyOf(problems);
      exercises = List.copyOf(exercises);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private final ConfigFrontEnd frontEnd;
  private final Optional<TrafficLab> lab;
  private final Grader.Options options;

  public PackValidator(ConfigFrontEnd frontEnd, Optional<TrafficLab> lab, Grader.Options options) {
    this.frontEnd = frontEnd;
    this.lab = lab;
    this.options = options;
  }

  public Report validate(Path dir) {
    PackLoader.Loaded loaded = new PackLoader().load(dir);
    Problems all = new Problems();
    all.addAll(loaded.problems());
    Pack pack = loaded.pack();
    List<ExerciseVerdict> verdicts = new ArrayList<>();
    for (ExerciseSource src : pack.exercises()) {
      verdicts.add(exercise(pack, src, all));
    }
    return new Report(pack, all.list(), verdicts, lab.isPresent());
  }

  private ExerciseVerdict exercise(Pack pack, ExerciseSource src, Problems all) {
    Problems problems = new Problems();
    double minSolution = Double.NaN;
    double maxStarter = Double.NaN;
    Set<String> checkIds = new LinkedHashSet<>();
    Set<String> failableEverywhere = null;
    Set<String> recognisedEverywhere = null;
    int misconceptions = 0;
    for (int v = 0; v < src.variants().size(); v++) {
      ExerciseParser.Parsed parsed = new ExerciseParser().parse(pack.id(), src, v);
      problems.addAll(parsed.problems());
      Exercise ex = parsed.exercise();
      if (ex == null || !parsed.problems().isEmpty()) {
        continue;
      }
      misconceptions = ex.misconceptions().size();
      ex.checks().forEach(c -> checkIds.add(c.id()));
      if (pack.lessons().stream().map(Lesson::slug).noneMatch(ex.lesson()::equals)) {
        problems.add(new SourcePos(ex.file(), 1, 1), "exercise " + ex.id() + " names lesson \"" + ex.lesson()
            + "\" which is not in pack.yaml lessons", "use one of: " + pack.lessons().stream().map(Lesson::slug).toList());
      }
      VariantOutcome o = variant(ex, src, v, problems);
      if (o == null) {
        continue;
      }
      if (o.solutionPercent >= 0) {
        minSolution = Double.isNaN(minSolution) ? o.solutionPercent : Math.min(minSolution, o.solutionPercent);
        maxStarter = Double.isNaN(maxStarter) ? o.starterPercent : Math.max(maxStarter, o.starterPercent);
        failableEverywhere = intersect(failableEverywhere, o.failable);
      }
      recognisedEverywhere = intersect(recognisedEverywhere, o.recognised);
    }
    List<String> never = new ArrayList<>();
    if (failableEverywhere != null) {
      for (String id : checkIds) {
        if (!failableEverywhere.contains(id)) {
          never.add(id);
        }
      }
    }
    all.addAll(problems);
    return new ExerciseVerdict(src.id(), src.variants().size(), checkIds.size(),
        Double.isNaN(minSolution) ? OptionalDouble.empty() : OptionalDouble.of(minSolution),
        Double.isNaN(maxStarter) ? OptionalDouble.empty() : OptionalDouble.of(maxStarter),
        failableEverywhere == null ? 0 : checkIds.size() - never.size(), misconceptions,
        recognisedEverywhere == null ? 0 : recognisedEverywhere.size(), never, problems.size());
  }

  /** What one variant showed; percentages are -1 when traffic was not run. */
  private record VariantOutcome(double solutionPercent, double starterPercent, Set<String> failable,
      Set<String> recognised) {}

  private VariantOutcome variant(Exercise ex, ExerciseSource src, int v, Problems problems) {
    String where = src.variants().size() > 1 ? " (variant " + v + ")" : "";
    String dir = src.dir();
    List<Diagnostic> topologyDiags = new ArrayList<>();
    CaseLoader cases = new CaseLoader();
    Topology topology = cases.readTopology(ex.file(), ex.topology(), topologyDiags).toTopology();
    topologyDiags.removeIf(d -> !d.isError());
    for (Diagnostic d : topologyDiags) {
      problems.add(at(d), "topology" + where + ": " + d.message() + pathOf(d), d.hint());
    }
    for (Exercise.Check c : ex.checks()) {
      if (c.staticRule().isEmpty()) {
        List<Diagnostic> out = new ArrayList<>();
        cases.readTraffic(ex.file(), c.traffic(), topology.namespace(), out);
        for (Diagnostic d : out) {
          if (d.isError() || d.code().equals("TL4011")) {
            problems.add(at(d), "check " + c.id() + where + ": " + d.message() + pathOf(d), d.hint());
          }
        }
      }
    }
    if (!topologyDiags.isEmpty()) {
      return null;
    }
    String solutionFile = Path.of(dir, "solution.yaml").toString();
    FrontEndResult solution = frontEnd.validate(solutionFile, ex.solution(), topology.namespace(), Optional.of(topology));
    for (Diagnostic d : solution.errors()) {
      problems.add(new SourcePos(solutionFile, Math.max(1, d.line()), Math.max(1, d.column())),
          "the solution" + where + " has an error: [" + d.code() + "] " + d.message(), d.hint());
    }
    if (ex.starter().strip().equals(ex.solution().strip())) {
      problems.add(SourcePos.start(Path.of(dir, "starter.yaml").toString()), "the starter is the solution",
          "give the learner something to fix or complete");
    }
    Map<String, Exercise.Misconception> byExample = new LinkedHashMap<>();
    for (Exercise.Misconception m : ex.misconceptions()) {
      if (m.example().isEmpty()) {
        problems.add(SourcePos.start(ex.file()), "misconception " + m.id() + " has no example",
            "add example: misconceptions/" + m.id() + ".yaml, a submission that shows it; pack validate checks "
                + "that it is recognised and uses it to show that checks can fail");
      } else {
        byExample.put(m.example().get(), m);
      }
    }
    Set<String> recognised = new LinkedHashSet<>();
    Map<String, FrontEndResult> exampleResults = new LinkedHashMap<>();
    for (Map.Entry<String, Exercise.Misconception> e : byExample.entrySet()) {
      String text = ex.examples().get(e.getKey());
      if (text == null) {
        continue; // the parser reported the missing file
      }
      String file = Path.of(dir, "misconceptions", e.getKey()).toString();
      FrontEndResult fe = frontEnd.validate(file, text, topology.namespace(), Optional.of(topology));
      exampleResults.put(e.getKey(), fe);
      Exercise.Misconception m = e.getValue();
      if (!Misconceptions.staticPartHolds(m, text, fe)) {
        problems.add(SourcePos.start(file), "misconception " + m.id() + where + " is not recognised in its example: "
            + staticMiss(m, text, fe), "change the example or the detect conditions");
      } else if (!Misconceptions.needsTraffic(m)) {
        recognised.add(m.id());
      }
    }
    if (lab.isEmpty()) {
      return new VariantOutcome(-1, -1, Set.of(), recognised);
    }
    Grader grader = new Grader(frontEnd, lab.get());
    GradeReport sol = grader.grade(ex, ex.solution(), options, Grader.Clock.SYSTEM);
    if (sol.score() != sol.maxScore() || sol.status() != CheckStatus.PASS) {
      problems.add(SourcePos.start(solutionFile), "the solution" + where + " scores " + sol.score() + "/" + sol.maxScore()
          + firstMiss(sol), "fix the solution or the check");
    }
    GradeReport starter = grader.grade(ex, ex.starter(), options, Grader.Clock.SYSTEM);
    if (starter.maxScore() > 0 && starter.score() >= starter.maxScore()) {
      problems.add(SourcePos.start(Path.of(dir, "starter.yaml").toString()), "the starter" + where
          + " already scores 100 %", "the starter must leave work to do: it has to fail at least one check");
    }
    Set<String> failable = new LinkedHashSet<>(failed(starter));
    for (Map.Entry<String, Exercise.Misconception> e : byExample.entrySet()) {
      String text = ex.examples().get(e.getKey());
      if (text == null) {
        continue;
      }
      GradeReport r = grader.grade(ex, text, options, Grader.Clock.SYSTEM);
      failable.addAll(failed(r));
      Exercise.Misconception m = e.getValue();
      boolean hit = r.misconceptions().stream().anyMatch(h -> h.id().equals(m.id()));
      if (hit) {
        recognised.add(m.id());
      } else if (Misconceptions.staticPartHolds(m, text, exampleResults.get(e.getKey()))) {
        problems.add(SourcePos.start(Path.of(dir, "misconceptions", e.getKey()).toString()), "misconception " + m.id()
            + where + " is not recognised in its example: " + trafficMiss(m, r), "change the example or detect");
      }
    }
    for (Exercise.Check c : ex.checks()) {
      if (!failable.contains(c.id())) {
        problems.add(c.traffic().pos(), "check " + c.id() + where + " never fails: neither the starter nor any "
            + "misconception example fails it", "add a misconception with an example that fails it, or drop the check");
      }
    }
    return new VariantOutcome(sol.percent(), starter.percent(), failable, recognised);
  }

  /** Checks judged and missed: FAIL, not ERROR (a rejected config proves nothing about a traffic check). */
  private static Set<String> failed(GradeReport r) {
    Set<String> out = new LinkedHashSet<>();
    for (CheckResult c : r.checks()) {
      if (c.status() == CheckStatus.FAIL) {
        out.add(c.id());
      }
    }
    return out;
  }

  private static String firstMiss(GradeReport r) {
    if (r.status() == CheckStatus.ERROR && !r.message().isEmpty()) {
      return ": " + r.message() + (r.diagnostics().isEmpty() ? "" : " " + r.diagnostics().get(0).render());
    }
    return r.checks().stream().filter(c -> c.status() != CheckStatus.PASS).findFirst()
        .map(c -> ": check " + c.id() + " " + c.status().wireName() + "s: " + c.message()).orElse("");
  }

  private static String staticMiss(Exercise.Misconception m, String text, FrontEndResult fe) {
    List<String> why = new ArrayList<>();
    m.diagnostic().filter(d -> !Misconceptions.hasDiagnostic(fe, d)).ifPresent(d -> why.add(
        "no diagnostic " + d + " (found: " + fe.diagnostics().stream().map(x -> x.code() + " " + x.path()).distinct()
            .toList() + ")"));
    m.pattern().filter(p -> !java.util.regex.Pattern.compile(p).matcher(text).find())
        .ifPresent(p -> why.add("pattern " + p + " not found"));
    return String.join("; ", why);
  }

  private static String trafficMiss(Exercise.Misconception m, GradeReport r) {
    List<String> why = new ArrayList<>();
    for (CheckResult c : r.checks()) {
      if (m.failedChecks().contains(c.id()) && c.status() == CheckStatus.PASS) {
        why.add("check " + c.id() + " passed");
      }
      if (m.passedChecks().contains(c.id()) && c.status() != CheckStatus.PASS) {
        why.add("check " + c.id() + " " + c.status().wireName() + "ed");
      }
    }
    return why.isEmpty() ? "detect conditions not met" : String.join(", ", why);
  }

  private static SourcePos at(Diagnostic d) {
    return new SourcePos(d.file(), Math.max(1, d.line()), Math.max(1, d.column()));
  }

  private static String pathOf(Diagnostic d) {
    return d.path().isEmpty() ? "" : " (at " + d.path() + ")";
  }

  private static Set<String> intersect(Set<String> acc, Set<String> next) {
    if (acc == null) {
      return new LinkedHashSet<>(next);
    }
    acc.retainAll(next);
    return acc;
  }

  /**
   * Problems without duplicates: the same mistake in several variants is reported once, as
   * "(variants 0, 1)" ("(variant N)" in a message marks where it was seen).
   */
  private static final class Problems {
    private static final java.util.regex.Pattern VARIANT = java.util.regex.Pattern.compile(" \\(variants? ([0-9, ]+)\\)");
    private final Map<String, PackProblems.Problem> byKey = new LinkedHashMap<>();
    private final Map<String, java.util.TreeSet<Integer>> variants = new LinkedHashMap<>();

    void add(SourcePos pos, String message, String hint) {
      add(new PackProblems.Problem(pos, message, hint == null ? "" : hint));
    }

    void add(PackProblems.Problem p) {
      java.util.regex.Matcher m = VARIANT.matcher(p.message());
      String key = p.pos() + " " + VARIANT.matcher(p.message()).replaceFirst("") + " " + p.hint();
      byKey.putIfAbsent(key, p);
      java.util.TreeSet<Integer> vs = variants.computeIfAbsent(key, k -> new java.util.TreeSet<>());
      if (m.find()) {
        for (String v : m.group(1).split(",\\s*")) {
          vs.add(Integer.parseInt(v.trim()));
        }
      }
    }

    void addAll(PackProblems problems) {
      problems.list().forEach(this::add);
    }

    void addAll(Problems other) {
      other.list().forEach(this::add);
    }

    int size() {
      return byKey.size();
    }

    List<PackProblems.Problem> list() {
      List<PackProblems.Problem> out = new ArrayList<>();
      byKey.forEach((key, p) -> {
        java.util.TreeSet<Integer> vs = variants.get(key);
        String label = vs.isEmpty() ? "" : vs.size() == 1 ? " (variant " + vs.first() + ")"
            : " (variants " + String.join(", ", vs.stream().map(String::valueOf).toList()) + ")";
        String message = VARIANT.matcher(p.message()).replaceFirst(java.util.regex.Matcher.quoteReplacement(label));
        out.add(new PackProblems.Problem(p.pos(), message, p.hint()));
      });
      return out;
    }
  }
}
