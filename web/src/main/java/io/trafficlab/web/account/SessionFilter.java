package io.trafficlab.web.account;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.SameSite;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Runs before every page: attaches the {@link Visitor} (creating an anonymous session and its
 * cookie on the first visit) and refuses state-changing form requests whose CSRF token does not
 * match the session's. The JSON API under /api authenticates with bearer tokens and skips this.
 */
public final class SessionFilter {
  public static final String COOKIE = "tl_session";
  public static final String CSRF_FIELD = "_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";

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
    Optional<SessionStore.Session> existing = sessions.find(ctx.cookie(COOKIE));
    SessionStore.Session s = existing.orElseGet(() -> {
      SessionStore.Session fresh = sessions.create(null);
      setCookie(ctx, fresh);
      return fresh;
    });
    Optional<User> user = s.userId() == null ? Optional.empty() : users.findById(s.userId());
    ctx.attribute(Visitor.ATTRIBUTE, new Visitor(s, user));
    String method = ctx.method().name();
    if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")) {
      String token = ctx.header(CSRF_HEADER);
      if (token == null) {
        token = ctx.formParam(CSRF_FIELD);
      }
      if (existing.isEmpty() || token == null || !constantTimeEquals(token, s.csrfToken())) {
        throw new ForbiddenResponse("This form has expired or was sent from another site. Reload the page and try again.");
      }
    }
  }

  /** Replaces the session (on sign-in and sign-out), so a session id seen before sign-in is useless after it. */
  public SessionStore.Session rotate(Context ctx, Long userId) {
    Visitor v = Visitor.of(ctx);
    sessions.delete(v.session().id());
    SessionStore.Session s = sessions.create(userId);
    setCookie(ctx, s);
    ctx.attribute(Visitor.ATTRIBUTE, new Visitor(s, userId == null ? Optional.empty() : users.findById(userId)));
    return s;
  }

  private static void setCookie(Context ctx, SessionStore.Session s) {
    Cookie c = new Cookie(COOKIE, s.id(), "/", (int) SessionStore.LIFETIME.toSeconds(),
        "https".equalsIgnoreCase(ctx.scheme()), true, null, SameSite.LAX);
    ctx.cookie(c);
  }

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
