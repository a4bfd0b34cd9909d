package io.trafficlab.web.account;

/** A signed-up account. The password hash never leaves {@link UserRepository}. */
public record User(long id, String email, String displayName, Role role) {
  public boolean isInstructor() {
    return role == Role.INSTRUCTOR;
  }
}
