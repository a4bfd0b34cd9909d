package io.trafficlab.web.account;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who is asking: their session and account when signed in (anonymous visitors have neither: the
 * app makes no session row for browsing), and the CSRF token their forms must send back.
 */
public record Visitor(Optional<SessionStore.Session> session, Optional<User> user, String csrf) {
  static final String ATTRIBUTE = "trafficlab.visitor";

  public static Visitor of(Context ctx) {
    Visitor v = ctx.attribute(ATTRIBUTE);
    if (v == null) {
      throw new IllegalStateException("no visitor: the session filter did not run for " + ctx.path());
    }
    return v;
  }

  public boolean signedIn() {
    return user.isPresent();
  }

  public boolean instructor() {
    return user.map(User::isInstructor).orElse(false);
  }

  /**
   * A key for what is kept in memory about this browser while it is anonymous (its opened hints):
   * its session id if it has one, else its CSRF token, which the browser keeps in a cookie.
   */
  public String browserKey() {
    return session.map(s -> "s" + s.id()).orElse("c" + csrf);
  }
}
