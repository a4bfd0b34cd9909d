package io.trafficlab.web.api;

import io.trafficlab.engine.config.diag.DiagnosticJson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.yaml.LoadLimits;
import io.trafficlab.engine.config.yaml.YamlLoadResult;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.labs.grade.Grader;
import io.trafficlab.labs.grade.ReportJson;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.ExerciseSource;
import io.trafficlab.web.account.Role;
import io.trafficlab.web.attempt.Attempt;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.attempt.StoredReport;
import io.trafficlab.web.grade.GradingService;
import io.trafficlab.web.pack.PackCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /api/v1}: validate and grade YAML, read saved attempts. Anonymous gradings are not saved;
 * a caller with an instructor's token who names a learner ({@code ?learner=} or the
 * {@code X-Learner-Id} header) gets the attempt saved under that learner ref.
 */
public final class ApiController {
  public static final String LEARNER_HEADER = "X-Learner-Id";
  private static final Pattern LEARNER_REF = Pattern.compile("[A-Za-z0-9._@:+/-]{1,200}");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PackCatalog packs;
  private final GradingService grading;
  private final AttemptRepository attempts;
  private final ApiTokens tokens;
  private final Clock clock;
  private final LoadLimits limits = LoadLimits.DEFAULT;
  private final ConfigFrontEnd frontEnd = new ConfigFrontEnd();
  private final YamlLoader loader = new YamlLoader();

  public ApiController(PackCatalog packs, GradingService grading, AttemptRepository attempts, ApiTokens tokens,
      Clock clock) {
    this.packs = packs;
    this.grading = grading;
    this.attempts = attempts;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** {@code POST /api/v1/validate[?namespace=NS]}: the JSON of {@code trafficlab validate --format json}. */
  public void validate(Context ctx) {
    caller(ctx);
    String ns = Optional.ofNullable(ctx.queryParam("namespace")).orElse("default");
    if (!NAMESPACE.matcher(ns).matches()) {
      throw new ApiException(400, "bad_parameter", "namespace must be a DNS label such as 'default', got \""
          + abbreviate(ns) + "\".");
    }
    YamlLoadResult loaded = load(ctx);
    FrontEndResult r = frontEnd.validate(loaded, ns, Optional.empty());
    ctx.json(DiagnosticJson.validation(r.valid(), r.diagnostics()));
  }

  /** {@code POST /api/v1/exercises/{pack}/{exercise}/grade[?variant=&seed=&format=&learner=]}. */
  public void grade(Context ctx) {
    Optional<ApiTokens.Caller> caller = caller(ctx);
    String learner = Optional.ofNullable(ctx.queryParam("learner")).orElse(ctx.header(LEARNER_HEADER));
    if (learner != null) {
      if (caller.isEmpty()) {
        throw unauthorized("Saving an attempt under a learner needs an API token: send 'Authorization: Bearer <token>'"
            + " (instructors create tokens at /instructor/tokens), or leave out the learner to grade without saving.");
      }
      if (!LEARNER_REF.matcher(learner).matches()) {
        throw new ApiException(400, "bad_parameter", "learner must be 1-200 characters of letters, digits and ._@:+/-");
      }
    }
    String packId = ctx.pathParam("pack");
    String exerciseId = ctx.pathParam("exercise");
    ExerciseSource src = packs.get(packId).flatMap(e -> e.pack().exercise(exerciseId))
        .orElseThrow(() -> new ApiException(404, "unknown_exercise", "There is no exercise " + abbreviate(packId)
            + "/" + abbreviate(exerciseId) + "."));
    int variant = intParam(ctx, "variant", 0);
    if (variant < 0 || variant >= src.variants().size()) {
      throw new ApiException(400, "bad_parameter", "variant must be between 0 and " + (src.variants().size() - 1)
          + " for this exercise, got " + variant + ".");
    }
    long seed = longParam(ctx, "seed", Grader.Options.DEFAULT.seed());
    ReportFormat format = ReportFormat.parse(ctx.queryParam("format")).orElseThrow(() -> new ApiException(400,
        "bad_parameter", "format must be json, exercism or gradescope."));
    load(ctx);
    ExerciseParser.Parsed parsed = new ExerciseParser().parse(packId, src, variant);
    if (parsed.exercise() == null) {
      throw new ApiException(503, "exercise_unavailable", "The exercise cannot be graded: its files have problems."
          + " An instructor can see them at /instructor/packs.");
    }
    Exercise ex = parsed.exercise();
    String submission = new String(body(ctx), StandardCharsets.UTF_8);
    if (submission.startsWith("\uFEFF")) {
      submission = submission.substring(1);
    }
    String text = submission;
    var future = submit(ex, text, seed);
    ctx.future(() -> future.thenAccept(report -> {
      ObjectNode out = format.render(report);
      if (learner != null) {
        String id = save(learner, ex, variant, text, report);
        ctx.header("Location", "/api/v1/attempts/" + id);
        ctx.header("X-Trafficlab-Attempt", id);
        if (format == ReportFormat.JSON) {
          out.set("attempt", JSON.createObjectNode().put("id", id).put("learner", learner)
              .put("permalink", "/attempts/" + id).put("api", "/api/v1/attempts/" + id));
        }
      }
      ctx.json(out);
    }));
  }

  /** {@code GET /api/v1/attempts/{id}[?format=]}: a saved attempt with its submission (token needed). */
  public void attempt(Context ctx) {
    requireInstructor(caller(ctx));
    Attempt a = attempts.find(ctx.pathParam("id")).orElseThrow(() -> new ApiException(404, "unknown_attempt",
        "There is no attempt " + abbreviate(ctx.pathParam("id")) + "."));
    ReportFormat format = ReportFormat.parse(ctx.queryParam("format")).orElseThrow(() -> new ApiException(400,
        "bad_parameter", "format must be json, exercism or gradescope."));
    if (format != ReportFormat.JSON) {
      ctx.json(format.render(StoredReport.read(a.reportJson())));
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("id", a.id());
    out.put("exercise", a.packId() + "/" + a.exerciseId());
    if (a.learnerRef() != null) {
      out.put("learner", a.learnerRef());
    }
    if (a.userId() != null) {
      out.put("userId", a.userId());
    }
    out.put("variant", a.variant());
    out.put("status", a.status());
    out.put("score", a.score());
    out.put("maxScore", a.maxScore());
    out.put("createdAt", a.createdAt().toString());
    out.put("submission", a.submission());
    out.set("report", StoredReport.tree(a.reportJson()));
    ctx.json(out);
  }

  private java.util.concurrent.CompletableFuture<GradeReport> submit(Exercise ex, String submission, long seed) {
    try {
      return grading.submit(ex, submission, new Grader.Options(seed, Grader.Options.DEFAULT.timeScale()));
    } catch (GradingService.Busy busy) {
      throw new ApiException(429, "busy", "Every grader is busy and the queue is full; retry after "
          + busy.retryAfterSeconds() + " s.", null, Map.of("Retry-After", Integer.toString(busy.retryAfterSeconds())));
    }
  }

  private String save(String learner, Exercise ex, int variant, String submission,
      GradeReport report) {
    String id = AttemptRepository.newId();
    attempts.save(new Attempt(id, null, learner, ex.packId(), ex.id(), variant, submission,
        report.status().wireName(), report.score(), report.maxScore(), ReportJson.toJson(report).toString(), false,
        clock.instant()));
    return id;
  }

  /** The YAML body, loaded; text that is not YAML at all is a 400 with the loader's diagnostics. */
  private YamlLoadResult load(Context ctx) {
    byte[] bytes = body(ctx);
    YamlLoadResult loaded = loader.load("submission.yaml", bytes);
    if (!loaded.ok()) {
      ObjectNode extra = DiagnosticJson.validation(false, loaded.diagnostics());
      throw new ApiException(400, "bad_yaml", "The body is not well-formed YAML: "
          + loaded.diagnostics().stream().filter(d -> d.isError()).findFirst().map(d -> d.render()).orElse(""),
          extra, Map.of());
    }
    return loaded;
  }

  /** The request's YAML bytes (read once, then cached on the request). */
  private byte[] body(Context ctx) {
    byte[] cached = ctx.attribute("trafficlab.yaml");
    if (cached == null) {
      cached = YamlBody.read(ctx, limits.maxBytes());
      ctx.attribute("trafficlab.yaml", cached);
    }
    return cached;
  }

  /** The token's caller when an Authorization header was sent; a wrong or revoked token is a 401. */
  private Optional<ApiTokens.Caller> caller(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth == null || auth.isBlank()) {
      return Optional.empty();
    }
    if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("Send the token as 'Authorization: Bearer <token>'.");
    }
    ApiTokens.Caller c = tokens.authenticate(auth.substring(7).strip())
        .orElseThrow(() -> unauthorized("The API token is unknown or was revoked."));
    requireInstructor(Optional.of(c));
    return Optional.of(c);
  }

  private static void requireInstructor(Optional<ApiTokens.Caller> caller) {
    if (caller.isEmpty()) {
      throw unauthorized("This needs an API token: send 'Authorization: Bearer <token>'.");
    }
    if (caller.get().role() != Role.INSTRUCTOR) {
      throw new ApiException(403, "forbidden", "The token's owner is no longer an instructor; ask an instructor for a new token.");
    }
  }

  private static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message, null, Map.of("WWW-Authenticate", "Bearer realm=\"trafficlab\""));
  }

  private static int intParam(Context ctx, String name, int dflt) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ApiException(400, "bad_parameter", name + " must be a whole number, got \"" + abbreviate(v) + "\".");
    }
  }

  private static long longParam(Context ctx, String name, long dflt) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ApiException(400, "bad_parameter", name + " must be a whole number, got \"" + abbreviate(v) + "\".");
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
