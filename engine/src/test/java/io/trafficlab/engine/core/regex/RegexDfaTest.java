package io.trafficlab.engine.core.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexDfaTest {

  /**
   * Patterns whose DFA is exponential in a repetition count, whose NFA is huge once unrolled, or
   * whose subset construction is long: each hits one of the budgets and is left to re2j.
   */
  @ParameterizedTest
  @ValueSource(strings = {"(a|b)*a(a|b){12}", "[ab]*a[ab]{20}", ".*a.{15}", ".*/.{11}/.*",
      "(a{1000}){1000}", "(.{1000}){6}", "([a-z]{30}|[0-9]{30}){200}",
      "(a|aa|aaa|aaaa){1,200}"})
  void overBudgetPatternsAreDeclined(String regex) {
    assertThat(RegexDfa.compile(regex)).isEmpty();
    assertThat(catchThrowable(() -> RegexDfa.build(regex)))
        .isInstanceOf(Unsupported.class).hasMessageContaining("over budget");
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a|b)*a(a|b){8}", "[a-z]{1000}", ".{0,1000}", "(/[^/]+){1,100}"})
  void largePatternsWithinBudgetMatchAsRe2(String regex) {
    RegexDfa dfa = RegexDfa.compile(regex).orElseThrow();
    assertThat(dfa.stateCount()).isLessThanOrEqualTo(RegexDfa.MAX_STATES);
    Pattern re2 = Pattern.compile(regex);
    for (String value : new String[] {"", "a".repeat(1000), "a".repeat(1001), "abba".repeat(3),
        "x".repeat(999) + "\n", "/a".repeat(100), "/a".repeat(101), "b".repeat(8) + "a"
        + "b".repeat(8)}) {
      assertThat(dfa.matches(value)).as(regex).isEqualTo(re2.matches(value));
    }
  }

  @Test
  void routingPatternsNeedFewStates() {
    RegexDfa dfa = RegexDfa.compile("/regex/49/[a-z]+/[0-9]+").orElseThrow();
    assertThat(dfa.stateCount()).isLessThan(20);
    assertThat(dfa.matches("/regex/49/item/42")).isTrue();
    assertThat(dfa.matches("/regex/49/item/42x")).isFalse();
    assertThat(dfa.toString()).startsWith("RegexDfa[/regex/49/[a-z]+/[0-9]+, ");
  }

  @Test
  void matchesAPrefixOfTheValueAsAWhole() {
    RegexDfa dfa = RegexDfa.compile("/api/[a-z]+").orElseThrow();
    String path = "/api/items?page=2";
    assertThat(dfa.matches(path, path.indexOf('?'))).isTrue();
    assertThat(dfa.matches(path)).isFalse();
    assertThat(dfa.matches(path, 4)).isFalse();
  }

  @Test
  void matchesCodePointsNotChars() {
    RegexDfa dot = RegexDfa.compile("a.b").orElseThrow();
    assertThat(dot.matches("a😀b")).isTrue(); // one code point, two chars
    assertThat(dot.matches("a\ud83db")).isTrue(); // a lone surrogate is a code point too
    assertThat(dot.matches("a\ud83d\ud83db")).isFalse();
    RegexDfa range = RegexDfa.compile("[😀-😂]+").orElseThrow();
    assertThat(range.matches("😀😁😂")).isTrue();
    assertThat(range.matches("😃")).isFalse();
    // Cutting a pair leaves its high surrogate alone, as substring would.
    assertThat(RegexDfa.compile("x\ud83d").orElseThrow().matches("x😀", 2)).isTrue();
  }
}
