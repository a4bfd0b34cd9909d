package io.trafficlab.engine.config.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
      "1.0000000005s, 1000000000"})
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
}
