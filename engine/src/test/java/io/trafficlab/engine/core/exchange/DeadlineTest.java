package io.trafficlab.engine.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  private static final long MS = 1_000_000;

  @Test
  void withoutRouteTimeoutNothingRemainsToCountAndNothingExpires() {
    Deadline d = Deadline.start(Optional.empty(), 0);

    assertThat(d.remaining(999_999 * MS)).isEmpty();
    assertThat(d.expired(999_999 * MS)).isFalse();
    assertThat(d.attemptTimer(Optional.empty(), 0)).isEmpty();
  }

  @Test
  void remainingShrinksWithTimeAndStopsAtZero() {
    Deadline d = Deadline.start(Optional.of(Duration.ofMillis(500)), 100 * MS);

    assertThat(d.remaining(300 * MS)).contains(Duration.ofMillis(300));
    assertThat(d.remaining(900 * MS)).contains(Duration.ZERO);
    assertThat(d.expired(600 * MS)).isTrue();
    assertThat(d.elapsed(350 * MS)).isEqualTo(Duration.ofMillis(250));
  }

  /** perTry, route timeout, start of the attempt → timer, per-try? */
  @ParameterizedTest
  @CsvSource({
      "200, -1,   0,   200, true",
      "200, 500,  0,   200, true",
      "200, 500,  400, 100, false",
      "-1,  500,  100, 400, false",
      "500, 500,  0,   500, false",
  })
  void attemptTimerIsTheSmallerOfPerTryAndWhatIsLeft(long perTryMs, long routeMs, long startMs,
      long expectedMs, boolean perTry) {
    Deadline d = Deadline.start(routeMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(routeMs)), 0);

    Deadline.AttemptTimer t = d.attemptTimer(
        perTryMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(perTryMs)), startMs * MS).orElseThrow();

    assertThat(t.after()).isEqualTo(Duration.ofMillis(expectedMs));
    assertThat(t.perTry()).isEqualTo(perTry);
  }
}
