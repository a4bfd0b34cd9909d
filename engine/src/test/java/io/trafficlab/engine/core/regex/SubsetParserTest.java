package io.trafficlab.engine.core.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.re2j.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubsetParserTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "", "abc", "/api/v1", "é😀", "a.b", "\\.\\/\\-\\\\\\_\\ \\{\\}\\[\\]\\(\\)\\|\\*\\+\\?\\^\\$",
      "\\a\\f\\n\\r\\t\\v", "\\d\\D\\s\\S\\w\\W", "[abc]", "[a-z0-9_]", "[^/]+", "[]a]", "[^]a]",
      "[a-]", "[-a]", "[a-c-e]", "[\\d-z]", "[\\]\\-\\\\]", "[^\\n]", "[\\D\\s]", "[😀-😂]", "[[]",
      "(a)", "(?:a|b)", "()", "(|a)", "a||b", "|", "a*", "a+", "a?", "a*?", "a+?", "a??", "a{2}",
      "a{2,}", "a{2,5}", "a{2,5}?", "a{0}", "a{1000}", "a{,2}", "a{x}", "{", "a{", "a{01}", "}", "]",
      "^abc", "abc$", "^abc$", "^", "$", "^$", "^|a", "a|$", "a*{", "((((a))))"})
  void acceptsTheSubset(String regex) throws Unsupported {
    Pattern.compile(regex); // all of these are RE2
    SubsetParser.parse(regex);
    assertThat(RegexDfa.compile(regex)).isPresent();
  }

  @ParameterizedTest
  @CsvSource(value = {
      "(?i)abc ; flags",
      "(?s).* ; flags",
      "(?i:a)b ; flags",
      "(?P<name>a) ; named group",
      "(?<name>a) ; named group",
      "\\bword\\b ; escape \\b",
      "\\Aabc ; escape \\A",
      "abc\\z ; escape \\z",
      "\\Qa.b\\E ; escape \\Q",
      "\\pN ; escape \\p",
      "\\p{Greek} ; escape \\p",
      "[\\p{Greek}] ; escape \\p",
      "\\PL ; escape \\P",
      "\\x41 ; escape \\x",
      "\\x{1F600} ; escape \\x",
      "\\101 ; escape \\1",
      "\\0 ; escape \\0",
      "\\é ; escape \\é",
      "[[:alpha:]] ; POSIX class",
      "[^[:space:]] ; POSIX class",
      "a^b ; ^ other than at the start",
      "(^a) ; ^ other than at the start",
      "a|^b ; ^ other than at the start",
      "a$b ; $ other than at the end",
      "(a$) ; $ other than at the end",
      "^* ; repetition of ^"}, delimiter = ';')
  void declinesRe2BeyondTheSubset(String regex, String reason) {
    Pattern.compile(regex); // valid RE2, just not ours
    assertThat(catchThrowable(() -> SubsetParser.parse(regex)))
        .isInstanceOf(Unsupported.class).hasMessageContaining(reason);
    assertThat(RegexDfa.compile(regex)).isEmpty();
  }

  /** What the webhook rejects (TL2009) never reaches the matcher, but declining is still safe. */
  @ParameterizedTest
  @ValueSource(strings = {
      "*a", "+", "?", "a**", "a*+", "a???", "a{2}{3}", "a{2}*", "(*a)", "a|*", "{2}", "(a", "a)",
      ")", "(?:a", "[a", "[]", "[^]", "[a-", "[z-a]", "[a-\\d]", "a{1001}", "a{2,1}",
      "a{99999999999}", "\\", "a\\", "\\q", "\\1", "\\C", "(?P<n>", "(?x)"})
  void declinesWhatRe2Rejects(String regex) {
    assertThatThrownBy(() -> Pattern.compile(regex)).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> SubsetParser.parse(regex)).isInstanceOf(Unsupported.class);
  }

  @ParameterizedTest
  @CsvSource(value = {
      "a{x} ; a{x} ; true",
      "a{01} ; a{01} ; true",
      "a{01} ; a ; false",
      "a{,2} ; a{,2} ; true",
      "[]a]+ ; ]a] ; true",
      "[a-] ; - ; true",
      "[^a]; '\n' ; true",
      "\\D ; '\n' ; true",
      ". ; '\n' ; false",
      "\\s ; '\u000b' ; false",
      "\\v ; '\u000b' ; true",
      "\\w+ ; a_Z9 ; true",
      "\\w ; é ; false",
      "^a|b$ ; b ; true",
      "a{2,3}? ; aaa ; true"}, delimiter = ';', quoteCharacter = '\'')
  void meansWhatRe2Means(String regex, String value, boolean matches) {
    assertThat(Pattern.matches(regex, value)).isEqualTo(matches);
    assertThat(RegexDfa.compile(regex).orElseThrow().matches(value)).isEqualTo(matches);
  }
}
