package io.trafficlab.engine.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimeScaleTest {

  @ParameterizedTest
  @CsvSource({
      "1,    30000, 30000",
      "20,   30000, 1500",
      "50,   1000,  20",
      "0.5,  100,   200",
  })
  void simulatedDelaysTakeTheScaledRealTime(double factor, long simulatedMs, long realMs) {
    TimeScale scale = new TimeScale(factor);

    assertThat(scale.toReal(Duration.ofMillis(simulatedMs))).isEqualTo(Duration.ofMillis(realMs));
    assertThat(scale.toSimulated(Duration.ofMillis(realMs))).isEqualTo(Duration.ofMillis(simulatedMs));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void nonPositiveOrNonFiniteFactorsAreRejected(double factor) {
    assertThatThrownBy(() -> new TimeScale(factor)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: finite and > 0");
  }

  @Test
  void scaledTickerCountsRealElapsedTimeTimesTheFactor() {
    VirtualScheduler real = new VirtualScheduler(Duration.ofSeconds(7).toNanos());
    ScaledTicker ticker = new ScaledTicker(real, new TimeScale(20));

    assertThat(ticker.nanoTime()).isZero();
    real.advance(Duration.ofMillis(1));
    assertThat(ticker.nanoTime()).isEqualTo(Duration.ofMillis(20).toNanos());
  }

  @Test
  void scaledSchedulerWaitsTheRealShareOfASimulatedDelay() {
    VirtualScheduler real = new VirtualScheduler();
    ScaledScheduler scaled = new ScaledScheduler(real, new TimeScale(10));
    List<Long> firedAtSimulatedMs = new ArrayList<>();

    scaled.schedule(Duration.ofSeconds(30),
        () -> firedAtSimulatedMs.add(scaled.ticker().nanoTime() / 1_000_000));
    real.advance(Duration.ofMillis(2999));
    assertThat(firedAtSimulatedMs).isEmpty();
    real.advance(Duration.ofMillis(1));

    assertThat(firedAtSimulatedMs).containsExactly(30_000L);
  }
}
