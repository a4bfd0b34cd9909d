package io.trafficlab.engine.config.diag;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DiagnosticTest {

  static Stream<Arguments> writtenAndShown() {
    return Stream.of(
        Arguments.of("re\u202Eviews", "re\\u202Eviews"),
        Arguments.of("re\u200Bviews", "re\\u200Bviews"),
        Arguments.of("\uFEFFreviews", "\\uFEFFreviews"),
        Arguments.of("a\u2066b\u2069c", "a\\u2066b\\u2069c"),
        Arguments.of("nul\u0000here", "nul\\u0000here"),
        Arguments.of("bell\u0007", "bell\\u0007"),
        Arguments.of("cr\rlf", "cr\\u000Dlf"),
        Arguments.of("para\u2029graph", "para\\u2029graph"),
        Arguments.of("lone\uD800", "lone\\uD800"),
        Arguments.of("low\uDC00", "low\\uDC00"),
        Arguments.of("emoji \uD83D\uDE00 ok", "emoji \uD83D\uDE00 ok"),
        Arguments.of("caf\u00E9 v2", "caf\u00E9 v2"),
        Arguments.of("line\nnext\tcolumn", "line\nnext\tcolumn"));
  }

  @ParameterizedTest
  @MethodSource("writtenAndShown")
  void invisibleAndReorderingCharactersInAFindingAreShownAsEscapes(String written, String shown) {
    Diagnostic d = Diagnostic.of(DiagnosticCode.TL1001, SourcePos.start("x.yaml"), "spec." + written,
        "VirtualService default/" + written, "did you mean " + written + "?", written, "VirtualService");

    assertThat(d.message()).isEqualTo("unknown field " + shown + " in VirtualService");
    assertThat(d.path()).isEqualTo("spec." + shown);
    assertThat(d.resource()).isEqualTo("VirtualService default/" + shown);
    assertThat(d.hint()).isEqualTo("did you mean " + shown + "?");
  }
}
