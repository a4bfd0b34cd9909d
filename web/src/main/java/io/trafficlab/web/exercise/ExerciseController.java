package io.trafficlab.web.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.model.ConfigSet;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.grade.ReportJson;
import io.trafficlab.labs.grade.TrafficLab;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.Lesson;
import io.trafficlab.labs.pack.Pack;
import io.trafficlab.web.account.Visitor;
import io.trafficlab.web.attempt.Attempt;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.attempt.Progress;
import io.trafficlab.web.grade.GradingService;
import io.trafficlab.web.lesson.MarkdownRenderer;
import io.trafficlab.web.view.Chrome;
import io.trafficlab.web.view.Templates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exercise page and what it calls: validate (JSON for the editor's markers), run (grade, save,
 * answer the result panel), hints (one more per click) and the one-request playground.
 */
public final class ExerciseController {
  /** DESIGN §8: submissions are capped before parsing. */
  static final int MAX_SUBMISSION_BYTES = 256 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Exercises exercises;
  private final AttemptRepository attempts;
  private final GradingService grading;
  private final TrafficLab lab;
  private final Templates templates;
  private final Clock clock;
  private final ConfigFrontEnd frontEnd = new ConfigFrontEnd();
  private final MarkdownRenderer markdown = new MarkdownRenderer();
  private final HintProgress hints;
  private final Playground playground;
  private final ConcurrentHashMap<String, Topology> topologies = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> instructions = new ConcurrentHashMap<>();

  public ExerciseController(Exercises exercises, AttemptRepository attempts, OpenedHintRepository openedHints,
      GradingService grading, TrafficLab lab, Templates templates, Clock clock) {
    this.exercises = exercises;
    this.hints = new HintProgress(openedHints);
    this.attempts = attempts;
    this.grading = grading;
    this.lab = lab;
    this.templates = templates;
    this.clock = clock;
    this.playground = new Playground(grading);
  }

  public void show(Context ctx) {
    Visitor v = Visitor.of(ctx);
    Pack pack = exercises.pack(ctx.pathParam("pack"));
    Exercise ex = exercises.forVisitor(pack, ctx.pathParam("id"), v);
    List<Attempt> mine = v.user().map(u -> attempts.forUser(u.id(), pack.id(), ex.id())).orElse(List.of());
    Attempt latest = mine.isEmpty() ? null : mine.get(0);
    boolean passed = mine.stream().anyMatch(a -> a.variant() == ex.variantIndex() && "pass".equals(a.status()));
    String editor = latest != null && latest.variant() == ex.variantIndex() ? latest.submission() : ex.starter();
    JsonNode lastReport = latest == null ? null : readJson(latest.reportJson());
    ResultView last = lastReport == null ? null
        : ResultView.of(lastReport, ex, hints.shown(v, ex), latest.id(), false);
    Optional<Lesson> lesson = pack.lesson(ex.lesson());
    Progress progress = v.user().map(u -> Progress.of(attempts.forUser(u.id()))).orElse(Progress.NONE);
    Topology topology = topology(ex);
    ctx.html(templates.render("exercise/exercise.jte", new ExercisePage(Chrome.of(ex.title(), v), pack.id(),
        pack.title(), lesson.map(Lesson::slug).orElse(null), lesson.map(Lesson::title).orElse(null), ex.id(),
        ex.title(), ex.difficulty(), ex.minutes(), ex.variantIndex(), exercises.source(pack, ex.id()).variants().size(),
        instructions.computeIfAbsent(ex.ref() + "#" + ex.variantIndex(), k -> markdown.render(withoutRepeatedTitle(ex.instructions(), ex.title()), pack.id())),
        tasks(ex, last), diagram(ex, topology, editor, last == null ? Map.of() : last.podCounts()), editor, ex.starter(),
        items(mine), passed ? ex.solution() : null, last, progress.passedIn(pack.id()), pack.exercises().size(),
        List.of())));
  }

  /** POST …/validate: the editor's markers, as JSON diagnostics with line and column. */
  public void validate(Context ctx) {
    Visitor v = Visitor.of(ctx);
    Exercise ex = exercises.forVisitor(exercises.pack(ctx.pathParam("pack")), ctx.pathParam("id"), v);
    String yaml = submission(ctx);
    if (yaml == null) {
      ctx.status(HttpStatus.CONTENT_TOO_LARGE).json(Map.of("valid", false, "diagnostics", List.of(Map.of(
          "severity", "error", "code", "TL0001", "line", 1, "column", 1,
          "message", "The submission is larger than 256 KiB; it was not read."))));
      return;
    }
    FrontEndResult fe = validate(ex, yaml);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Diagnostic d : fe.diagnostics()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", d.severity().wireName());
      m.put("code", d.code());
      m.put("message", d.message());
      m.put("line", d.line());
      m.put("column", d.column());
      m.put("path", d.path());
      m.put("resource", d.resource());
      m.put("hint", d.hint());
      m.put("layer", d.layer().wireName());
      out.add(m);
    }
    ctx.json(Map.of("valid", fe.valid(), "diagnostics", out));
  }

  /** POST …/run: grades the editor's text and answers the result panel (htmx). */
  public void run(Context ctx) {
    Visitor v = Visitor.of(ctx);
    Pack pack = exercises.pack(ctx.pathParam("pack"));
    Exercise ex = exercises.forVisitor(pack, ctx.pathParam("id"), v);
    String yaml = submission(ctx);
    if (yaml == null) {
      ctx.status(HttpStatus.CONTENT_TOO_LARGE).html(notice("The configuration is larger than 256 KiB, so it was not graded."));
      return;
    }
    GradeReport report;
    try {
      report = grading.submit(ex, yaml, Grader.Options.DEFAULT).join();
    } catch (GradingService.Busy busy) {
      ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(busy.retryAfterSeconds()))
          .html(notice("Many learners are running right now. Try again in " + busy.retryAfterSeconds() + " s."));
      return;
    }
    JsonNode json = ReportJson.toJson(report);
    String attemptId = null;
    if (v.user().isPresent()) {
      attemptId = AttemptRepository.newId();
      attempts.save(new Attempt(attemptId, v.user().get().id(), null, pack.id(), ex.id(), ex.variantIndex(), yaml,
          report.status().wireName(), report.score(), report.maxScore(), json.toString(), false, clock.instant()));
    }
    report.checks().stream().filter(c -> c.status() == CheckStatus.FAIL)
        .forEach(c -> hints.showFirst(v, ex, c.task()));
    ResultView view = ResultView.of(json, ex, hints.shown(v, ex), attemptId, true);
    List<ExercisePage.AttemptItem> list = v.user().map(u -> items(attempts.forUser(u.id(), pack.id(), ex.id())))
        .orElse(null);
    ctx.html(templates.render("exercise/run.jte", new RunFragment(view, tasks(ex, view),
        diagram(ex, topology(ex), yaml, view.podCounts()), list, "/packs/" + pack.id() + "/exercises/" + ex.id(),
        true, true)));
  }

  /** POST …/hints/{task}: opens the next hint of a task. */
  public void nextHint(Context ctx) {
    Visitor v = Visitor.of(ctx);
    Exercise ex = exercises.forVisitor(exercises.pack(ctx.pathParam("pack")), ctx.pathParam("id"), v);
    int task;
    try {
      task = Integer.parseInt(ctx.pathParam("task"));
    } catch (NumberFormatException e) {
      throw new io.javalin.http.NotFoundResponse("No such task");
    }
    List<String> all = ex.hints().getOrDefault(task, List.of());
    if (all.isEmpty()) {
      throw new io.javalin.http.NotFoundResponse("This task has no hints");
    }
    int shown = hints.next(v, ex, task, all.size());
    ctx.html(templates.render("exercise/hints.jte",
        new ResultView.Hints(ex.packId(), ex.id(), task, all.subList(0, Math.min(shown, all.size())), all.size())));
  }

  /** POST …/playground: one request through the editor's configuration, answered with its trace. */
  public void playground(Context ctx) {
    Visitor v = Visitor.of(ctx);
    Exercise ex = exercises.forVisitor(exercises.pack(ctx.pathParam("pack")), ctx.pathParam("id"), v);
    String yaml = submission(ctx);
    if (yaml == null) {
      ctx.status(HttpStatus.CONTENT_TOO_LARGE).html(notice("The configuration is larger than 256 KiB."));
      return;
    }
    PlaygroundResult r;
    try {
      r = playground.send(ex, yaml, ctx::formParam);
    } catch (GradingService.Busy busy) {
      ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(busy.retryAfterSeconds()))
          .html(notice("Many learners are running right now. Try again in " + busy.retryAfterSeconds() + " s."));
      return;
    }
    if (!r.problem().isEmpty()) {
      ctx.status(r.badInput() ? HttpStatus.BAD_REQUEST : HttpStatus.OK);
    }
    ctx.html(templates.render("exercise/playground.jte", r));
  }

  FrontEndResult validate(Exercise ex, String yaml) {
    return frontEnd.validate("submission.yaml", yaml, topology(ex).namespace(), Optional.of(topology(ex)));
  }

  Topology topology(Exercise ex) {
    return topologies.computeIfAbsent(ex.ref() + "#" + ex.variantIndex(), k -> lab.topology(ex.topology(), new ArrayList<>()));
  }

  private String diagram(Exercise ex, Topology topology, String yaml, Map<String, Long> podCounts) {
    ConfigSet config;
    try {
      config = validate(ex, yaml).config();
    } catch (RuntimeException e) {
      config = ConfigSet.EMPTY;
    }
    return TopologyDiagram.render(topology, config, podCounts);
  }

  /** The instructions without a first "# heading" that only repeats the page's own title. */
  static String withoutRepeatedTitle(String instructions, String title) {
    String s = instructions.stripLeading();
    int nl = s.indexOf('\n');
    String first = (nl < 0 ? s : s.substring(0, nl)).strip();
    if (first.startsWith("# ") && first.substring(2).strip().equals(title.strip())) {
      return nl < 0 ? "" : s.substring(nl + 1);
    }
    return instructions;
  }

  static List<ExercisePage.TaskItem> tasks(Exercise ex, ResultView view) {
    Map<Integer, Boolean> passed = new HashMap<>();
    if (view != null) {
      view.tasks().forEach(g -> passed.put(g.task(), g.passed()));
    }
    return ex.tasks().stream().map(t -> new ExercisePage.TaskItem(t.number(), t.title(), passed.getOrDefault(t.number(), false)))
        .toList();
  }

  static List<ExercisePage.AttemptItem> items(List<Attempt> list) {
    return list.stream().limit(20).map(a -> new ExercisePage.AttemptItem(a.id(), a.createdAt(), a.status(), a.score(),
        a.maxScore(), a.shared())).toList();
  }

  /** The {@code yaml} form field, or null when it is over the size limit. */
  static String submission(Context ctx) {
    String yaml = ctx.formParam("yaml");
    if (yaml == null) {
      return "";
    }
    if (yaml.length() > MAX_SUBMISSION_BYTES || yaml.getBytes(StandardCharsets.UTF_8).length > MAX_SUBMISSION_BYTES) {
      return null;
    }
    return yaml;
  }

  static JsonNode readJson(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      return null;
    }
  }

  private static String notice(String text) {
    return "<div class=\"result notice-error\" role=\"alert\">" + Svg.esc(text) + "</div>";
  }
}
