package io.trafficlab.engine.config.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
      "1h30m, 5400000000000", "1.5s, 1500000000", "0.5s, 500000000", ".5s, 500000000",
      "250ms, 250000000", "1500us, 1500000", "1µs, 1000", "0, 0", "0s, 0", "-1s, -1000000000",
      "3m, 180000000000", "1m30.5s, 90500000000", "7200s, 7200000000000"})
  void goDurationSyntaxIsReadInNanoseconds(String text, long nanos) {
    assertThat(Durations.parseNanos(text)).contains(nanos);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "", "s", "1x", "1..5s", ".s", "1 s", "1s2", "99999999999999999999h"})
  void textThatGoRejectsIsNoDuration(String text) {
    assertThat(Durations.parseNanos(text)).isEmpty();
  }
}
