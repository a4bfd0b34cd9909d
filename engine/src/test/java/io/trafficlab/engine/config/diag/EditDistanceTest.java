package io.trafficlab.engine.config.diag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditDistanceTest {

  @ParameterizedTest
  @CsvSource({"kitten, sitting, 3, 3", "hsots, hosts, 2, 1", "'', abc, 3, 3", "abc, abc, 0, 0",
      "subet, subset, 1, 1", "connect-failures, connect-failure, 1, 1"})
  void levenshteinCountsEditsAndTranspositionsCountOnce(String a, String b, int levenshtein,
      int withTranspositions) {
    assertThat(EditDistance.levenshtein(a, b)).isEqualTo(levenshtein);
    assertThat(EditDistance.levenshtein(b, a)).isEqualTo(levenshtein);
    assertThat(EditDistance.withTranspositions(a, b)).isEqualTo(withTranspositions);
  }

  @ParameterizedTest
  @CsvSource({"kitten, sitting, 2, 3", "kitten, sitting, 3, 3", "a, abcdefgh, 3, 4",
      "statuss, status, 3, 1"})
  void boundedLevenshteinGivesUpAboveTheBound(String a, String b, int max, int expected) {
    assertThat(EditDistance.levenshtein(a, b, max)).isEqualTo(expected);
  }
}
