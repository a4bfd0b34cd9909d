package io.trafficlab.web.account;

/** What an account may do. The first instructor comes from {@code serve --admin EMAIL}. */
public enum Role {
  LEARNER,
  INSTRUCTOR
}
