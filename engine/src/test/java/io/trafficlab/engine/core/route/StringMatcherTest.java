package io.trafficlab.engine.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringMatcherTest {

  @ParameterizedTest
  @CsvSource(value = {
      "/reviews/[0-9]+ ; /reviews/",
      "/ab*c ; /a",
      "/a?b ; /",
      "a|b ; ",
      "(?i)/x ; ",
      "^/x ; ",
      "/x\\d ; /x",
      "plain ; plain"}, delimiter = ';', emptyValue = "")
  void regexLiteralPrefixIsConservative(String regex, String prefix) {
    assertThat(StringMatcher.literalPrefix(regex)).isEqualTo(prefix == null ? "" : prefix);
  }

  @ParameterizedTest
  @CsvSource({
      "\\d{3}, 123, true",
      "\\d{3}, 1234, false",
      "/ab*c, /ac, true",
      "/ab*c, /abbbc, true",
      "/ab*c, /xbc, false",
      "a|/b, /b, true",
      "(?i)/X, /x, true"})
  void regexIsAFullMatchAndThePrefilterNeverRejectsAMatch(String regex, String value,
      boolean matches) {
    assertThat(StringMatcher.regex(regex).matches(value)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource(value = {
      "/api/v[0-9]+/.* ; /api/v2/items?page=1 ; true ; true",
      "/api/v[0-9]+/.* ; /api/vx/items?page=1 ; false ; true",
      "/items ; /items?page=1 ; true ; true",
      "/items\\?page=1 ; /items?page=1 ; false ; true",
      "(?i)/ITEMS ; /items?x ; true ; false",
      "(a|b)*a(a|b){12}/x ; babbbbbbbbbbbb/x?q ; true ; false"}, delimiter = ';')
  void regexMatchesThePathBeforeTheQueryOnTheDfaOrRe2j(String regex, String path,
      boolean matches, boolean dfa) {
    StringMatcher m = StringMatcher.regex(regex);
    assertThat(m.regexUsesDfa()).isEqualTo(dfa);
    assertThat(m.matches(path, path.indexOf('?'))).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({
      "/api, /API, true",
      "/api, /apix, false"})
  void ignoringCaseComparesAsciiCaseInsensitively(String exact, String value, boolean matches) {
    assertThat(StringMatcher.exact(exact).ignoringCase().matches(value)).isEqualTo(matches);
    assertThat(StringMatcher.prefix(exact.toUpperCase()).ignoringCase().matches(value))
        .isTrue();
  }
}
