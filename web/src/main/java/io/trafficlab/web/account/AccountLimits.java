package io.trafficlab.web.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How fast sign-in and sign-up may be tried, per client address and per e-mail address, so that
 * passwords cannot be guessed quickly and accounts cannot be created in bulk (each try also costs a
 * bcrypt hash of CPU).
 *
 * <p>Only a <em>failed</em> sign-in counts: a try spends a token of its address and of the e-mail
 * address typed, and a successful one gets them back, so a class signing in together behind one
 * address is never slowed. The e-mail bucket is larger than the address bucket: a guesser on one
 * address is stopped before the account is, and its owner can still sign in from elsewhere, while
 * guessing one account from many addresses is still bounded. A sign-up counts when it reaches the
 * database (an account made, or an address already taken); form mistakes do not.
 *
 * <p>In memory, per web node (see {@link RateLimiter}); the client address is the connection's, so
 * behind a reverse proxy every visitor shares the proxy's address.
 */
public final class AccountLimits {
  /** Failed sign-ins per client address: 10 at once, then one per 30 s. */
  static final int SIGN_IN_PER_ADDRESS = 10;
  static final Duration SIGN_IN_PER_ADDRESS_REFILL = Duration.ofSeconds(30);
  /** Failed sign-ins per e-mail address: 20 at once, then one per minute. */
  static final int SIGN_IN_PER_EMAIL = 20;
  static final Duration SIGN_IN_PER_EMAIL_REFILL = Duration.ofMinutes(1);
  /** Sign-ups per client address: 20 at once (a class behind one address), then one per 30 s. */
  static final int SIGN_UP_PER_ADDRESS = 20;
  static final Duration SIGN_UP_PER_ADDRESS_REFILL = Duration.ofSeconds(30);
  /** Sign-ups per e-mail address: 5 at once, then one per minute. */
  static final int SIGN_UP_PER_EMAIL = 5;
  static final Duration SIGN_UP_PER_EMAIL_REFILL = Duration.ofMinutes(1);
  /** Keys remembered per limiter (a bucket is a few dozen bytes). */
  static final int MAX_KEYS = 10_000;

  /** Why a try was refused before it ran, what to tell the person, and when to try again. */
  public record Refusal(long retryAfterSeconds, String message) {}

  /**
   * One try: refused, or let through holding one token of each of its buckets until it is told
   * that it does not count.
   */
  public static final class Attempt {
    private final Refusal refusal;
    private final Runnable giveBack;

    private Attempt(Refusal refusal, Runnable giveBack) {
      this.refusal = refusal;
      this.giveBack = giveBack;
    }

    /** Present when the try must not run. */
    public Optional<Refusal> refusal() {
      return Optional.ofNullable(refusal);
    }

    /** Gives the tokens back: the try succeeded (sign-in) or never reached the database (sign-up). */
    public void doesNotCount() {
      giveBack.run();
    }
  }

  private final RateLimiter signInByAddress;
  private final RateLimiter signInByEmail;
  private final RateLimiter signUpByAddress;
  private final RateLimiter signUpByEmail;

  AccountLimits(RateLimiter signInByAddress, RateLimiter signInByEmail, RateLimiter signUpByAddress,
      RateLimiter signUpByEmail) {
    this.signInByAddress = signInByAddress;
    this.signInByEmail = signInByEmail;
    this.signUpByAddress = signUpByAddress;
    this.signUpByEmail = signUpByEmail;
  }

  /** The limits above, on the given monotonic clock (nanoseconds). */
  public static AccountLimits standard(LongSupplier nanoClock) {
    return new AccountLimits(
        new RateLimiter(SIGN_IN_PER_ADDRESS, SIGN_IN_PER_ADDRESS_REFILL, MAX_KEYS, nanoClock),
        new RateLimiter(SIGN_IN_PER_EMAIL, SIGN_IN_PER_EMAIL_REFILL, MAX_KEYS, nanoClock),
        new RateLimiter(SIGN_UP_PER_ADDRESS, SIGN_UP_PER_ADDRESS_REFILL, MAX_KEYS, nanoClock),
        new RateLimiter(SIGN_UP_PER_EMAIL, SIGN_UP_PER_EMAIL_REFILL, MAX_KEYS, nanoClock));
  }

  /** A sign-in try from {@code clientAddress} for {@code email}: let through, or refused with why. */
  public Attempt signIn(String clientAddress, String email) {
    return take(signInByAddress, signInByEmail, clientAddress, email,
        "Too many failed sign-ins from your network.", "Too many failed sign-ins for this account.");
  }

  /** A sign-up try from {@code clientAddress} for {@code email}. */
  public Attempt signUp(String clientAddress, String email) {
    return take(signUpByAddress, signUpByEmail, clientAddress, email,
        "Too many sign-ups from your network.", "Too many sign-ups with this e-mail address.");
  }

  private static Attempt take(RateLimiter byAddress, RateLimiter byEmail, String clientAddress, String email,
      String addressMessage, String emailMessage) {
    String address = addressKey(clientAddress);
    String mail = UserRepository.normalize(email);
    RateLimiter.Decision a = byAddress.take(address);
    if (!a.allowed()) {
      return refused(a.retryAfterSeconds(), addressMessage);
    }
    RateLimiter.Decision e = byEmail.take(mail);
    if (!e.allowed()) {
      byAddress.giveBack(address); // this try never ran
      return refused(e.retryAfterSeconds(), emailMessage);
    }
    return new Attempt(null, () -> {
      byAddress.giveBack(address);
      byEmail.giveBack(mail);
    });
  }

  private static Attempt refused(long seconds, String why) {
    return new Attempt(new Refusal(seconds, why + " For your account's safety, wait " + inWords(seconds)
        + " and try again."), () -> { });
  }

  /** "40 seconds", "2 minutes": a wait as people say it (rounded up to whole minutes past one minute). */
  static String inWords(long seconds) {
    if (seconds < 60) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = (seconds + 59) / 60;
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }

  /**
   * The key of a client address: the address itself for IPv4, its /64 network for IPv6 (one
   * subscriber commonly holds a whole /64, so single IPv6 addresses would be free to rotate).
   */
  static String addressKey(String clientAddress) {
    if (clientAddress == null || clientAddress.isBlank()) {
      return "?";
    }
    String literal = clientAddress.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    if (literal.indexOf(':') < 0) {
      return literal;
    }
    try {
      byte[] b = InetAddress.getByName(literal).getAddress();
      if (b.length == 4) {
        return InetAddress.getByAddress(b).getHostAddress(); // an IPv4-mapped address
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
      }
      return sb.append(":/64").toString();
    } catch (UnknownHostException e) {
      // Not an address literal (getByName does no lookup for those): key it as it came.
      return literal;
    }
  }
}
