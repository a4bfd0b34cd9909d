package io.trafficlab.web.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trafficlab.web.view.Chrome;
import io.trafficlab.web.view.Templates;
import java.util.Locale;
import java.util.Optional;

/**
 * Sign up, sign in, sign out. Form errors are shown next to the form, never as stack traces; too
 * many tries ({@link AccountLimits}) are answered 429 with Retry-After and the form says how long to wait.
 */
public final class AccountController {

  /** The data of the sign-in and sign-up pages. */
  public record FormPage(Chrome chrome, String email, String displayName, String error, String next) {}

  private final UserRepository users;
  private final Passwords passwords;
  private final SessionFilter sessions;
  private final Templates templates;
  private final Optional<String> adminEmail;
  private final AccountLimits limits;

  public AccountController(UserRepository users, Passwords passwords, SessionFilter sessions,
      Templates templates, Optional<String> adminEmail, AccountLimits limits) {
    this.users = users;
    this.limits = limits;
    this.passwords = passwords;
    this.sessions = sessions;
    this.templates = templates;
    this.adminEmail = adminEmail.map(UserRepository::normalize);
  }

  public void signUpForm(Context ctx) {
    ctx.html(templates.render("account/signup.jte",
        new FormPage(Chrome.of("Create an account", Visitor.of(ctx)), "", "", "", safeNext(ctx.queryParam("next")))));
  }

  public void signUp(Context ctx) {
    String email = trim(ctx.formParam("email"));
    String name = trim(ctx.formParam("displayName"));
    String password = ctx.formParam("password");
    String next = safeNext(ctx.formParam("next"));
    String error = null;
    if (!email.matches("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,63}")) {
      error = "Enter an e-mail address such as ada@example.com.";
    } else if (name.isEmpty() || name.length() > 100) {
      error = "Enter a display name of at most 100 characters.";
    } else {
      error = Passwords.problem(password);
    }
    Optional<User> created = Optional.empty();
    if (error == null) {
      // Counted only once the form is right: only then is a password hashed and an account made.
      Optional<AccountLimits.Refusal> refused = limits.signUp(ctx.ip(), email).refusal();
      if (refused.isPresent()) {
        tooMany(ctx, "account/signup.jte", refused.get(),
            new FormPage(Chrome.of("Create an account", Visitor.of(ctx)), email, name, refused.get().message(), next));
        return;
      }
      Role role = adminEmail.map(a -> a.equals(UserRepository.normalize(email))).orElse(false)
          ? Role.INSTRUCTOR : Role.LEARNER;
      created = users.create(email, name, passwords.hash(password), role);
      if (created.isEmpty()) {
        error = "An account with this e-mail address already exists. Sign in instead.";
      }
    }
    if (error != null) {
      ctx.status(HttpStatus.BAD_REQUEST).html(templates.render("account/signup.jte",
          new FormPage(Chrome.of("Create an account", Visitor.of(ctx)), email, name, error, next)));
      return;
    }
    sessions.signIn(ctx, created.get().id());
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  public void signInForm(Context ctx) {
    ctx.html(templates.render("account/signin.jte",
        new FormPage(Chrome.of("Sign in", Visitor.of(ctx)), "", "", "", safeNext(ctx.queryParam("next")))));
  }

  public void signIn(Context ctx) {
    String email = trim(ctx.formParam("email"));
    String password = ctx.formParam("password");
    String next = safeNext(ctx.formParam("next"));
    AccountLimits.Attempt attempt = limits.signIn(ctx.ip(), email);
    if (attempt.refusal().isPresent()) {
      AccountLimits.Refusal refused = attempt.refusal().get();
      tooMany(ctx, "account/signin.jte", refused,
          new FormPage(Chrome.of("Sign in", Visitor.of(ctx)), email, "", refused.message(), next));
      return;
    }
    Optional<String> hash = users.passwordHash(email);
    // Verify against a dummy hash when the account does not exist, so timing does not tell.
    boolean ok = passwords.verify(password == null ? "" : password,
        hash.orElse("$2a$11$0000000000000000000000000000000000000000000000000000u"));
    if (hash.isEmpty() || !ok) {
      ctx.status(HttpStatus.UNAUTHORIZED).html(templates.render("account/signin.jte",
          new FormPage(Chrome.of("Sign in", Visitor.of(ctx)), email, "", "The e-mail address or the password is wrong.", next)));
      return;
    }
    attempt.doesNotCount();
    sessions.signIn(ctx, users.findByEmail(email).orElseThrow().id());
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  public void signOut(Context ctx) {
    sessions.signOut(ctx);
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  /** 429 with Retry-After, and the form again with what was typed (never the password) and why. */
  private void tooMany(Context ctx, String template, AccountLimits.Refusal refused, FormPage page) {
    ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(refused.retryAfterSeconds()))
        .html(templates.render(template, page));
  }

  /** Only same-site paths: never redirect to another host after sign-in. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
        || next.toLowerCase(Locale.ROOT).contains("%2f%2f")) {
      return "/";
    }
    return next;
  }

  private static String trim(String s) {
    return s == null ? "" : s.strip();
  }
}
