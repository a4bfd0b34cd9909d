package io.trafficlab.engine.config.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one Go-duration parser the schema layer, the webhook and the compiler share. */
class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
      "0, 0",
      "0s, 0",
      "1s, 1000000000",
      "1.5s, 1500000000",
      ".5s, 500000000",
      "5.s, 5000000000",
      "100ms, 100000000",
      "1h30m, 5400000000000",
      "2h45m10.5s, 9910500000000",
      "10us, 10000",
      "10µs, 10000",
      "7ns, 7",
      "-1.5m, -90000000000",
      "+3s, 3000000000",
      "1.0000000005s, 1000000000",
      "1m30.5s, 90500000000",
      "7200s, 7200000000000",
      "1500us, 1500000",
      "1\u00b5s, 1000",
      "1\u03bcs, 1000",
      "-1s, -1000000000"})
  void goSyntaxParses(String text, long nanos) {
    GoDuration.Parsed p = GoDuration.parse(text);
    assertThat(p.ok()).as(text + ": " + p.error()).isTrue();
    assertThat(p.value()).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "10|missing unit",
      "1.5|missing unit",
      "10sec|unknown unit \"sec\"",
      "1d|unknown unit \"d\"",
      "1 s|unknown unit \" s\"",
      "''|not a duration",
      "-|not a duration",
      "s|expected a number",
      ".s|a lone '.' is not a number",
      "1s 2s|unknown unit \"s \"",
      "3000000h|out of range",
      "1h-1m|unknown unit \"h-\""})
  void invalidDurationsSayWhy(String text, String why) {
    GoDuration.Parsed p = GoDuration.parse(text);
    assertThat(p.ok()).as(text).isFalse();
    assertThat(p.error()).contains(why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "", "s", "1x", "1..5s", ".s", "1 s", "1s2", "99999999999999999999h",
      " 1s", "1s "})
  void textThatGoRejectsIsNoDuration(String text) {
    assertThat(GoDuration.value(text)).isEmpty();
  }
}
