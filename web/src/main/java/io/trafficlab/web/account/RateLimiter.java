package io.trafficlab.web.account;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a client address, an e-mail address): each key may spend {@code capacity}
 * tokens at once, and gets one back every {@code refillEvery}. A key without a bucket has a full one.
 *
 * <p>State is in memory, per web node: a restart or a second node gives a guesser one more burst,
 * which keeps guessing slow enough without shared state. Memory is bounded: at {@code maxKeys}
 * buckets, full ones (which say nothing a missing bucket would not) are dropped first, then the
 * least recently used; so flooding with new keys can at worst forget a key's spent tokens.
 */
public final class RateLimiter {

  /**
   * The answer to a {@link #take}.
   *
   * @param retryAfterSeconds when refused: whole seconds until a token is back (at least 1); 0 when allowed
   */
  public record Decision(boolean allowed, long retryAfterSeconds) {}

  /**
   * A bucket's tokens, counted in nanoseconds of refill time (one token is {@code refillNanos}), so
   * refills and waits are exact integer arithmetic.
   */
  private static final class Bucket {
    long credit;
    long updatedNanos;

    Bucket(long credit, long updatedNanos) {
      this.credit = credit;
      this.updatedNanos = updatedNanos;
    }
  }

  private final long refillNanos;
  private final long fullCredit;
  private final int maxKeys;
  private final LongSupplier nanoClock;
  private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

  /**
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass their own)
   */
  public RateLimiter(int capacity, Duration refillEvery, int maxKeys, LongSupplier nanoClock) {
    if (capacity < 1 || refillEvery.isNegative() || refillEvery.isZero() || maxKeys < 1) {
      throw new IllegalArgumentException("capacity and maxKeys must be positive, refillEvery longer than 0");
    }
    this.refillNanos = refillEvery.toNanos();
    this.fullCredit = Math.multiplyExact(capacity, refillNanos);
    this.maxKeys = maxKeys;
    this.nanoClock = nanoClock;
  }

  /** Spends one of the key's tokens, or says how long until one is back. */
  public synchronized Decision take(String key) {
    long now = nanoClock.getAsLong();
    Bucket b = bucket(key, now);
    if (b.credit >= refillNanos) {
      b.credit -= refillNanos;
      return new Decision(true, 0);
    }
    long nanosToOne = refillNanos - b.credit;
    return new Decision(false, Math.max(1, (nanosToOne + 999_999_999L) / 1_000_000_000L));
  }

  /** Returns a token spent on something that turned out not to count (never past the capacity). */
  public synchronized void giveBack(String key) {
    long now = nanoClock.getAsLong();
    Bucket b = buckets.get(key);
    if (b != null) {
      refill(b, now);
      b.credit = Math.min(fullCredit, b.credit + refillNanos);
    }
  }

  /** How many keys have a bucket (for tests of the memory bound). */
  public synchronized int size() {
    return buckets.size();
  }

  private Bucket bucket(String key, long now) {
    Bucket b = buckets.get(key);
    if (b != null) {
      refill(b, now);
      return b;
    }
    if (buckets.size() >= maxKeys) {
      evict(now);
    }
    b = new Bucket(fullCredit, now);
    buckets.put(key, b);
    return b;
  }

  private void refill(Bucket b, long now) {
    long elapsed = now - b.updatedNanos;
    if (elapsed > 0) {
      b.credit = elapsed >= fullCredit ? fullCredit : Math.min(fullCredit, b.credit + elapsed);
      b.updatedNanos = now;
    }
  }

  /** Drops full buckets; if none is full, the least recently used one. */
  private void evict(long now) {
    for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
      Bucket b = it.next().getValue();
      refill(b, now);
      if (b.credit >= fullCredit) {
        it.remove();
      }
    }
    if (buckets.size() >= maxKeys) {
      Iterator<String> eldest = buckets.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }
}
