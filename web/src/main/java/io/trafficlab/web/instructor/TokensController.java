package io.trafficlab.web.instructor;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.trafficlab.web.account.Visitor;
import io.trafficlab.web.api.ApiTokens;
import io.trafficlab.web.view.Chrome;
import io.trafficlab.web.view.Templates;
import java.util.List;

/** API tokens: create (the token is shown once, only its hash is kept), list, revoke. */
public final class TokensController {

  /**
   * The tokens page.
   *
   * @param created the token just created, shown once; null otherwise
   */
  public record TokensPage(Chrome chrome, List<ApiTokens.Token> tokens, ApiTokens.Created created, String error,
      String name) {}

  private final Templates templates;
  private final ApiTokens tokens;

  TokensController(Templates templates, ApiTokens tokens) {
    this.templates = templates;
    this.tokens = tokens;
  }

  void list(Context ctx) {
    render(ctx, null, "", "");
  }

  void create(Context ctx) {
    String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").strip();
    if (name.isEmpty() || name.length() > 100) {
      ctx.status(HttpStatus.BAD_REQUEST);
      render(ctx, null, "Give the token a name of at most 100 characters, such as \"Moodle\" or \"CI\".", name);
      return;
    }
    long userId = Visitor.of(ctx).user().orElseThrow().id();
    ctx.header("Cache-Control", "no-store");
    render(ctx, tokens.create(name, userId), "", "");
  }

  void revoke(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new NotFoundResponse("No such token");
    }
    if (!tokens.revoke(id)) {
      throw new NotFoundResponse("No such token");
    }
    ctx.redirect("/instructor/tokens", HttpStatus.SEE_OTHER);
  }

  private void render(Context ctx, ApiTokens.Created created, String error, String name) {
    ctx.html(templates.render("instructor/tokens.jte",
        new TokensPage(Chrome.of("API tokens", Visitor.of(ctx)), tokens.list(), created, error, name)));
  }
}
