package io.trafficlab.web.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt password hashing (cost 11; bcrypt reads at most 72 bytes, so longer passwords are refused). */
public final class Passwords {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_BYTES = 72;
  private final int cost;

  public Passwords(int cost) {
    this.cost = cost;
  }

  public static Passwords standard() {
    return new Passwords(11);
  }

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  public boolean verify(String password, String hash) {
    if (password == null || hash == null) {
      return false;
    }
    return BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
  }

  /** Why a new password is not acceptable, or null when it is. */
  public static String problem(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "Use at least " + MIN_LENGTH + " characters.";
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "Use at most " + MAX_BYTES + " bytes (bcrypt ignores the rest).";
    }
    return null;
  }
}
