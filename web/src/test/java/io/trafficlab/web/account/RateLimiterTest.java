package io.trafficlab.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The token buckets behind the sign-in and sign-up limits, on a clock the test moves. */
class RateLimiterTest {
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void aKeySpendsItsCapacityThenWaitsForTheRefill() {
    RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(30), 100, nanos::get);

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.take("a").allowed()).isTrue();
    }
    RateLimiter.Decision refused = limiter.take("a");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(30);
    assertThat(limiter.take("b").allowed()).as("other keys are not affected").isTrue();

    advance(Duration.ofSeconds(20));
    assertThat(limiter.take("a").retryAfterSeconds()).isEqualTo(10);
    advance(Duration.ofSeconds(10));
    assertThat(limiter.take("a").allowed()).isTrue();
    assertThat(limiter.take("a").allowed()).isFalse();

    advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.take("a").allowed()).as("refilled to the capacity, not beyond").isTrue();
    }
    assertThat(limiter.take("a").allowed()).isFalse();
  }

  @Test
  void aTokenGivenBackCanBeSpentAgainButNeverRaisesTheCapacity() {
    RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), 100, nanos::get);

    for (int i = 0; i < 10; i++) {
      assertThat(limiter.take("k").allowed()).isTrue();
      limiter.giveBack("k");
    }
    limiter.giveBack("k");
    limiter.giveBack("never-seen");
    assertThat(limiter.take("k").allowed()).isTrue();
    assertThat(limiter.take("k").allowed()).isTrue();
    assertThat(limiter.take("k").allowed()).isFalse();
  }

  @Test
  void atTheBoundFullBucketsGoFirstAndSpentOnesStay() {
    RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), 50, nanos::get);
    for (int i = 0; i < 49; i++) {
      limiter.take("visitor-" + i);
    }
    advance(Duration.ofMinutes(5));
    limiter.take("guesser");
    limiter.take("guesser");
    assertThat(limiter.size()).isEqualTo(50);

    limiter.take("newcomer");

    assertThat(limiter.size()).as("the 49 visitors' buckets are full again: forgotten").isEqualTo(2);
    assertThat(limiter.take("guesser").allowed()).as("the guesser's spent bucket is kept").isFalse();
    for (int i = 0; i < 1_000; i++) {
      limiter.take("flood-" + i);
      assertThat(limiter.size()).isLessThanOrEqualTo(50);
    }
  }

  @Test
  void whenNoBucketIsFullTheLeastRecentlyUsedOneGoes() {
    RateLimiter limiter = new RateLimiter(1, Duration.ofHours(1), 3, nanos::get);
    limiter.take("a");
    limiter.take("b");
    limiter.take("c");
    limiter.take("a");

    limiter.take("d");

    assertThat(limiter.size()).isEqualTo(3);
    assertThat(limiter.take("a").allowed()).as("a was used recently: kept, still spent").isFalse();
    assertThat(limiter.take("b").allowed()).as("b was the least recently used: forgotten").isTrue();
  }

  @ParameterizedTest
  @CsvSource({"203.0.113.7, 203.0.113.7", "[2001:db8:1:2:3:4:5:6], 2001:db8:1:2::/64",
      "2001:db8:1:2:ffff::1, 2001:db8:1:2::/64", "::ffff:198.51.100.4, 198.51.100.4", "'', ?"})
  void addressesAreKeyedByHostForIpv4AndBySlash64ForIpv6(String address, String key) {
    assertThat(AccountLimits.addressKey(address)).isEqualTo(key);
  }

  @ParameterizedTest
  @CsvSource({"1, 1 second", "30, 30 seconds", "60, 1 minute", "61, 2 minutes", "600, 10 minutes"})
  void waitsAreSaidAsPeopleSayThem(long seconds, String said) {
    assertThat(AccountLimits.inWords(seconds)).isEqualTo(said);
  }
}
