package io.trafficlab.labs.pack;

import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** Parses an exercise for one variant: placeholders substituted, then exercise.yaml bound. */
public final class ExerciseParser {

  private static final Set<String> EXERCISE_FIELDS = Set.of("id", "title", "lesson", "difficulty",
      "minutes", "variants", "topology", "tasks", "checks", "hints", "misconceptions");
  private static final Set<String> CHECK_FIELDS = Set.of("id", "task", "points", "title", "requests",
      "distribution", "totals", "static", "failMessage");
  private static final Set<String> MISCONCEPTION_FIELDS = Set.of("id", "title", "detect", "feedback", "example");
  private static final Set<String> STATIC_RULES = Set.of("valid", "no-warnings");

  /** The exercise (null when exercise.yaml could not be read at all) and the problems found. */
  public record Parsed(Exercise exercise, PackProblems problems) {}

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static Map<String, String> examples(ExerciseSource src, Map<String, String> variant) {
    Map<String, String> out = new LinkedHashMap<>();
    src.misconceptionExamples().forEach((name, text) -> out.put(name, PackLoader.substitute(text, variant)));
    return out;
  }

  public Parsed parse(String packId, ExerciseSource src, int variantIndex) {
    PackProblems problems = new PackProblems();
    Map<String, String> variant = src.variants().get(Math.floorMod(variantIndex, src.variants().size()));
    String file = Path.of(src.dir(), "exercise.yaml").toString();
    String yaml = PackLoader.substitute(src.exerciseYaml(), variant);
    for (String name : PackLoader.unresolved(yaml)) {
      problems.add(SourcePos.start(file), "placeholder {{" + name + "}} has no value in variant "
          + variantIndex, "add " + name + " to every entry of variants:");
    }
    Optional<YamlMap> root = PackLoader.parseMap(file, yaml, problems);
    if (root.isEmpty()) {
      return new Parsed(null, problems);
    }
    YamlMap m = root.get();
    Fields f = new Fields(m, "exercise.yaml", problems).allow(EXERCISE_FIELDS);
    String id = f.string("id");
    if (!id.isEmpty() && !id.equals(src.id())) {
      problems.add(m.get("id").pos(), "exercise id \"" + id + "\" differs from its folder name \"" + src.id() + "\"",
          "rename the folder or the id; they must be equal");
    }
    YamlMap topology = f.optMap("topology").orElseGet(() -> {
      problems.add(m.pos(), "missing required field \"topology\" in exercise.yaml",
          "describe the services and pods the exercise runs on (case-format topology)");
      return new YamlMap(List.of(), m.pos(), "topology");
    });

    List<Exercise.Task> tasks = new ArrayList<>();
    YamlNode tasksNode = m.get("tasks");
    if (tasksNode instanceof YamlSeq seq) {
      int n = 1;
      for (YamlNode t : seq) {
        if (t instanceof YamlScalar s && !s.isNull()) {
          tasks.add(new Exercise.Task(n, s.value()));
        } else if (t instanceof YamlMap tm) {
          Fields tf = new Fields(tm, "task", problems).allow(Set.of("id", "title"));
          int number = tf.integer("id", 1, 99, n);
          if (tasks.stream().anyMatch(x -> x.number() == number)) {
            problems.add(tm.pos(), "duplicate task id " + number, "number the tasks 1, 2, 3, ...");
          }
          tasks.add(new Exercise.Task(number, tf.string("title")));
        } else {
          problems.add(t.pos(), "a task is a string or {id, title}", "write - {id: 1, title: ...}");
        }
        n++;
      }
    } else {
      problems.add(tasksNode == null ? m.pos() : tasksNode.pos(), "tasks must be a non-empty list",
          "list the numbered tasks of the instructions");
    }
    Set<Integer> taskNumbers = new HashSet<>();
    tasks.forEach(t -> taskNumbers.add(t.number()));

    List<Exercise.Check> checks = new ArrayList<>();
    Set<String> checkIds = new HashSet<>();
    for (YamlMap cm : f.maps("checks")) {
      Fields cf = new Fields(cm, "check", problems).allow(CHECK_FIELDS);
      String cid = cf.string("id");
      if (!checkIds.add(cid)) {
        problems.add(cm.pos(), "duplicate check id \"" + cid + "\"", "give every check its own id");
      }
      int task = cf.integer("task", 1, 99, 1);
      if (!taskNumbers.contains(task)) {
        problems.add(cm.get("task") == null ? cm.pos() : cm.get("task").pos(),
            "check " + cid + " refers to task " + task + " which does not exist", "");
      }
      int points = cf.integer("points", 0, 1000, 1);
      Optional<String> rule = cf.optString("static");
      rule.ifPresent(r -> {
        if (!STATIC_RULES.contains(r) && !r.startsWith("no-diagnostic:")) {
          problems.add(cm.get("static").pos(), "unknown static rule \"" + r + "\"",
              "use valid, no-warnings or no-diagnostic:CODE");
        }
      });
      boolean hasTraffic = cm.has("requests") || cm.has("distribution");
      if (rule.isEmpty() && !hasTraffic) {
        problems.add(cm.pos(), "check " + cid + " has neither traffic (requests/distribution) nor a static rule",
            "add requests: with expect:, a distribution:, or static: valid");
      }
      if (rule.isPresent() && hasTraffic) {
        problems.add(cm.pos(), "check " + cid + " has both traffic and a static rule", "split it into two checks");
      }
      checks.add(new Exercise.Check(cid, task, points, cf.string("title"), cm, rule,
          cf.optString("failMessage").orElse(""), file));
    }
    if (checks.isEmpty()) {
      problems.add(m.pos(), "an exercise needs at least one check", "");
    }

    Map<Integer, List<String>> hints = new LinkedHashMap<>();
    f.optMap("hints").ifPresent(hm -> {
      for (YamlMap.Entry e : hm.entries()) {
        int task;
        try {
          task = Integer.parseInt(e.name().replaceFirst("^task", "").trim());
        } catch (NumberFormatException ex) {
          problems.add(e.key().pos(), "hints are keyed by task number, found \"" + e.name() + "\"", "write 1: [...]");
          continue;
        }
        if (!taskNumbers.contains(task)) {
          problems.add(e.key().pos(), "hints for task " + task + " which does not exist", "");
        }
        hints.put(task, new Fields(hm, "hints", problems).strings(e.name()));
      }
    });

    List<Exercise.Misconception> misconceptions = new ArrayList<>();
    for (YamlMap mm : f.maps("misconceptions")) {
      Fields mf = new Fields(mm, "misconception", problems).allow(MISCONCEPTION_FIELDS);
      String mid = mf.string("id");
      List<String> failed = List.of();
      List<String> passed = List.of();
      Optional<String> diagnostic = Optional.empty();
      Optional<String> pattern = Optional.empty();
      Optional<YamlMap> detect = mf.optMap("detect");
      if (detect.isPresent()) {
        Fields df = new Fields(detect.get(), "detect", problems).allow(Set.of("failedChecks", "passedChecks", "diagnostic", "pattern"));
        failed = df.strings("failedChecks");
        passed = df.strings("passedChecks");
        diagnostic = df.optString("diagnostic");
        pattern = df.optString("pattern");
        for (String c : concat(failed, passed)) {
          if (!checkIds.contains(c)) {
            problems.add(detect.get().pos(), "misconception " + mid + " names unknown check \"" + c + "\"", "");
          }
        }
        pattern.ifPresent(p -> {
          try {
            java.util.regex.Pattern.compile(p);
          } catch (PatternSyntaxException e) {
            problems.add(detect.get().get("pattern").pos(), "invalid pattern: " + e.getDescription(), "");
          }
        });
        if (failed.isEmpty() && passed.isEmpty() && diagnostic.isEmpty() && pattern.isEmpty()) {
          problems.add(detect.get().pos(), "detect needs failedChecks, passedChecks, diagnostic or pattern", "");
        }
        diagnostic.ifPresent(d -> {
          if (!d.matches("(IST|TL)[0-9]{4}( .+)?")) {
            problems.add(detect.get().get("diagnostic").pos(), "detect.diagnostic \"" + d
                + "\" is not a diagnostic code", "write a code such as IST0130, optionally followed by a space "
                + "and a text its path or message contains: TL1001 destination.weight");
          }
        });
      } else {
        problems.add(mm.pos(), "misconception " + mid + " has no detect:", "say how to recognise it");
      }
      Optional<String> example = mf.optString("example");
      example.ifPresent(e -> {
        String name = Path.of(e).getFileName().toString();
        if (!src.misconceptionExamples().containsKey(name)) {
          problems.add(mm.get("example").pos(), "example file misconceptions/" + name + " does not exist", "");
        }
      });
      misconceptions.add(new Exercise.Misconception(mid, mf.optString("title").orElse(mid), failed, passed,
          diagnostic, pattern, mf.string("feedback"), example.map(e -> Path.of(e).getFileName().toString())));
    }

    Exercise ex = new Exercise(packId, src.id(), f.string("title"), f.string("lesson"),
        f.integer("difficulty", 1, 3, 1), f.integer("minutes", 1, 600, 10), topology, tasks, checks,
        hints, misconceptions, variant, variantIndex,
        PackLoader.substitute(src.instructions(), variant), PackLoader.substitute(src.starter(), variant),
        PackLoader.substitute(src.solution(), variant), examples(src, variant), file);
    return new Parsed(ex, problems);
  }
}
