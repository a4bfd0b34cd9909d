package io.trafficlab.engine.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestViewTest {

  private static RequestView at(String path) {
    return RequestView.get(new Listener.Gateway(80), "h", path);
  }

  @ParameterizedTest
  @CsvSource(value = {
      "/p?a=1&b=2 | b | 2",
      "/p?a=1&b=2 | a | 1",
      "/p?ab=1 | a | <null>",
      "/p?flag | flag | ''",
      "/p?flag&x=1 | flag | ''",
      "/p?x=1#frag | x | 1",
      "/p | a | <null>",
      "/p?a=%20 | a | %20"}, delimiter = '|', nullValues = "<null>")
  void queryParamReadsTheFirstValueAsWritten(String path, String name, String value) {
    assertThat(at(path).queryParam(name)).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource(value = {
      "a=1; user=jason; b=2 | user | jason",
      "user=jason | user | jason",
      "xuser=1 | user | <null>"}, delimiter = '|', nullValues = "<null>")
  void cookieReadsOneCookieFromTheCookieHeader(String cookie, String name, String value) {
    RequestView r = new RequestView(new Listener.Gateway(80), "http", "GET", "h", "/",
        Map.of("cookie", List.of(cookie)), null, false);
    assertThat(r.cookie(name)).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource({"/a?b, /a", "/a, /a", "/, /"})
  void pathOnlyDropsTheQuery(String path, String expected) {
    assertThat(at(path).pathOnly()).isEqualTo(expected);
  }
}
