package io.trafficlab.web.account;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Runs before every page: attaches the {@link Visitor} and refuses state-changing form requests
 * whose CSRF token does not match. The JSON API under /api authenticates with bearer tokens and
 * skips this.
 *
 * <p>A session row exists only for a signed-in visitor ({@link #signIn}); browsing creates none, so
 * crawlers and one-off visitors do not grow the sessions table. Forms still need a CSRF token
 * before anyone signs in (sign-in and sign-up themselves, quizzes, runs): an anonymous visitor gets
 * a random token in the {@value #CSRF_COOKIE} cookie (no row), pages embed it, and a post must send
 * it back in the form or header (double-submit). Another site can neither read that cookie nor the
 * page, so it cannot send the matching token; and the cookie is SameSite=Lax, so cross-site posts do
 * not even carry it. A signed-in visitor's token is their session's, as before.
 */
public final class SessionFilter {
  public static final String COOKIE = "tl_session";
  /** The anonymous visitor's CSRF token (no session row behind it). */
  public static final String CSRF_COOKIE = "tl_csrf";
  public static final String CSRF_FIELD = "_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  /** Length of a {@link SessionStore#token()}: 256 bits in URL-safe base64. */
  private static final int TOKEN_LENGTH = 43;

  private final SessionStore sessions;
  private final UserRepository users;

  public SessionFilter(SessionStore sessions, UserRepository users) {
    this.sessions = sessions;
    this.users = users;
  }

  public void handle(Context ctx) {
    String path = ctx.path();
    if (path.startsWith("/static/") || path.startsWith("/webjars/") || path.startsWith("/api/")
        || path.equals("/healthz") || path.equals("/metrics")) {
      return;
    }
    String sessionCookie = ctx.cookie(COOKIE);
    Optional<SessionStore.Session> session = sessions.find(sessionCookie);
    Visitor visitor;
    boolean browserHoldsToken;
    if (session.isPresent()) {
      SessionStore.Session s = session.get();
      visitor = new Visitor(session, s.userId() == null ? Optional.empty() : users.findById(s.userId()), s.csrfToken());
      browserHoldsToken = true;
    } else {
      if (sessionCookie != null) {
        // Expired, signed out elsewhere or made up: stop sending it.
        ctx.removeCookie(COOKIE, "/");
      }
      String held = ctx.cookie(CSRF_COOKIE);
      browserHoldsToken = isToken(held);
      String token = browserHoldsToken ? held : SessionStore.token();
      if (!browserHoldsToken) {
        setCookie(ctx, CSRF_COOKIE, token);
      }
      visitor = new Visitor(Optional.empty(), Optional.empty(), token);
    }
    ctx.attribute(Visitor.ATTRIBUTE, visitor);
    String method = ctx.method().name();
    if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")) {
      String sent = ctx.header(CSRF_HEADER);
      if (sent == null) {
        sent = ctx.formParam(CSRF_FIELD);
      }
      // A token made for this very request proves nothing: the browser never had it.
      if (!browserHoldsToken || sent == null || !constantTimeEquals(sent, visitor.csrf())) {
        throw new ForbiddenResponse("This form has expired or was sent from another site. Reload the page and try again.");
      }
    }
  }

  /**
   * Starts a signed-in session (sign-in, sign-up): a new session id and CSRF token, so an id or
   * token seen before signing in is useless after it.
   */
  public SessionStore.Session signIn(Context ctx, long userId) {
    Visitor.of(ctx).session().ifPresent(s -> sessions.delete(s.id()));
    SessionStore.Session s = sessions.create(userId);
    setCookie(ctx, COOKIE, s.id());
    ctx.removeCookie(CSRF_COOKIE, "/");
    ctx.attribute(Visitor.ATTRIBUTE, new Visitor(Optional.of(s), users.findById(userId), s.csrfToken()));
    return s;
  }

  /** Ends the session (sign-out): its row is deleted and the visitor is anonymous again, with a fresh token. */
  public void signOut(Context ctx) {
    Visitor.of(ctx).session().ifPresent(s -> sessions.delete(s.id()));
    ctx.removeCookie(COOKIE, "/");
    String token = SessionStore.token();
    setCookie(ctx, CSRF_COOKIE, token);
    ctx.attribute(Visitor.ATTRIBUTE, new Visitor(Optional.empty(), Optional.empty(), token));
  }

  private static void setCookie(Context ctx, String name, String value) {
    Cookie c = new Cookie(name, value, "/", (int) SessionStore.LIFETIME.toSeconds(),
        "https".equalsIgnoreCase(ctx.scheme()), true, null, SameSite.LAX);
    ctx.cookie(c);
  }

  /** True for something shaped like a token this app made (so junk is replaced, not echoed into pages). */
  static boolean isToken(String s) {
    if (s == null || s.length() != TOKEN_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!(ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_')) {
        return false;
      }
    }
    return true;
  }

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
