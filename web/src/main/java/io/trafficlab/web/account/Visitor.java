package io.trafficlab.web.account;

import io.javalin.http.Context;
import java.util.Optional;

/** Who is asking: their session (always present) and their account when signed in. */
public record Visitor(SessionStore.Session session, Optional<User> user) {
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

  public String csrf() {
    return session.csrfToken();
  }
}
