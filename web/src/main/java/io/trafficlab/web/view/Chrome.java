package io.trafficlab.web.view;

import io.trafficlab.web.account.User;
import io.trafficlab.web.account.Visitor;

/** What the page layout needs on every page: the title, who is signed in, the CSRF token. */
public record Chrome(String title, User user, String csrf) {
  public static Chrome of(String title, Visitor v) {
    return new Chrome(title, v.user().orElse(null), v.csrf());
  }

  public boolean signedIn() {
    return user != null;
  }
}
