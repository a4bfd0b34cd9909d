package io.trafficlab.engine.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void intervalsDoubleFromTheBaseUpToTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(25), Duration.ofMillis(250));
    long[] bounds = new long[7];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = b.nextInterval().toMillis();
      b.next(0);
    }

    assertThat(bounds).containsExactly(25, 50, 100, 200, 250, 250, 250);
  }

  @Test
  void waitsAreFullJitterBelowTheInterval() {
    SplittableRandom random = new SplittableRandom(1);
    for (int trial = 0; trial < 2000; trial++) {
      Backoff b = new Backoff(Duration.ofMillis(25), Duration.ofMillis(250));
      assertThat(b.next(random.nextLong()).toMillis()).isBetween(0L, 24L);
      assertThat(b.next(random.nextLong()).toMillis()).isBetween(0L, 49L);
      assertThat(b.next(random.nextLong()).toMillis()).isBetween(0L, 99L);
    }
  }

  @Test
  void theRandomArgumentPicksTheWait() {
    Backoff b = new Backoff(Duration.ofMillis(25), Duration.ofMillis(250));

    assertThat(b.next(18)).isEqualTo(Duration.ofMillis(18));
    assertThat(b.next(-1)).isEqualTo(Duration.ofMillis(Long.remainderUnsigned(-1, 50)));
  }
}
