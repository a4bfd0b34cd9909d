package io.trafficlab.web.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.trafficlab.labs.pack.Exercise;
import io.trafficlab.labs.pack.Pack;
import io.trafficlab.web.account.Visitor;
import io.trafficlab.web.attempt.Attempt;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.view.Chrome;
import io.trafficlab.web.view.Templates;
import java.util.Map;
import java.util.Objects;

/**
 * Attempt permalinks: readable by their owner, and by anyone once the owner shares them; everyone
 * else gets 404 (not 403, so ids cannot be probed). The reference solution is never shown here.
 */
public final class AttemptController {
  private final AttemptRepository attempts;
  private final Exercises exercises;
  private final Templates templates;

  public AttemptController(AttemptRepository attempts, Exercises exercises, Templates templates) {
    this.attempts = attempts;
    this.exercises = exercises;
    this.templates = templates;
  }

  public void show(Context ctx) {
    Visitor v = Visitor.of(ctx);
    Attempt a = visible(ctx.pathParam("id"), v, false);
    Pack pack = exercises.pack(a.packId());
    Exercise ex = exercises.variant(pack, exercises.source(pack, a.exerciseId()), a.variant());
    JsonNode report = ExerciseController.readJson(a.reportJson());
    if (report == null) {
      throw new NotFoundResponse("This attempt's report cannot be read");
    }
    ResultView view = ResultView.of(report, ex, Map.of(), a.id(), false);
    RunFragment fragment = new RunFragment(view, ExerciseController.tasks(ex, view), null, null,
        "/packs/" + pack.id() + "/exercises/" + ex.id(), false, false);
    boolean owner = isOwner(a, v);
    ctx.header("Cache-Control", "private, no-store");
    ctx.html(templates.render("attempt/attempt.jte",
        new AttemptPage(Chrome.of("Attempt on " + ex.title(), v), a, ex.title(), fragment, owner)));
  }

  /** POST /attempts/{id}/share with {@code shared=true|false}: owner only. */
  public void share(Context ctx) {
    Visitor v = Visitor.of(ctx);
    Attempt a = visible(ctx.pathParam("id"), v, true);
    attempts.setShared(a.id(), "true".equals(ctx.formParam("shared")));
    ctx.redirect("/attempts/" + a.id(), HttpStatus.SEE_OTHER);
  }

  private Attempt visible(String id, Visitor v, boolean ownerOnly) {
    Attempt a = attempts.find(id).orElseThrow(() -> new NotFoundResponse("No such attempt"));
    if (isOwner(a, v) || (!ownerOnly && a.shared())) {
      return a;
    }
    throw new NotFoundResponse("No such attempt");
  }

  private static boolean isOwner(Attempt a, Visitor v) {
    return a.userId() != null && v.user().map(u -> Objects.equals(u.id(), a.userId())).orElse(false);
  }
}
