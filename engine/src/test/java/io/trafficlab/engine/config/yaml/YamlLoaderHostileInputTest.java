package io.trafficlab.engine.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.trafficlab.engine.config.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input (DESIGN §8): each input ends in exactly the expected coded diagnostic, at the
 * expected place, quickly, and never in an exception. The time guard only catches hangs.
 */
class YamlLoaderHostileInputTest {

  private static final YamlLoader LOADER = new YamlLoader();

  static Stream<Arguments> hostileInputs() {
    return Stream.of(
        text("billion laughs alias bomb", billionLaughs(), "TL0009", 0),
        text("recursive alias", "a: &x\n  b: *x\n", "TL0015", 2),
        text("recursive alias in flow list", "&a [*a]\n", "TL0015", 1),
        text("alias to an open node even after an older anchor of the same name",
            "old: &a 1\nnew: &a [*a]\n", "TL0015", 2),
        text("undefined alias", "a: *nowhere\n", "TL0003", 1),
        text("merge key", "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n", "TL0010", 3),
        text("10k-deep flow nesting", "[".repeat(10_000) + "]".repeat(10_000), "TL0007", 1),
        text("10k-deep flow mapping nesting", "{a: ".repeat(10_000) + "1" + "}".repeat(10_000),
            "TL0007", 1),
        text("10k-deep block nesting", "- ".repeat(10_000) + "x\n", "TL0007", 1),
        text("nesting built by aliases", aliasDepth(), "TL0007", 0),
        bytes("5 MB file", fiveMegabytes(), "TL0001", 1),
        bytes("binary garbage with NUL bytes (gzip)", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0},
            "TL0016", 1),
        bytes("binary garbage without NUL bytes", garbage(), "TL0002", 1),
        bytes("invalid UTF-8 on line 2", invalidUtf8(), null, 0),
        text("java object tag", "a: !!java/object:java.net.URL [\"http://x\"]\n", "TL0011", 1),
        text("script engine manager gadget",
            "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n",
            "TL0011", 1),
        text("local tag", "a: !secret x\n", "TL0011", 1),
        text("binary tag", "a: !!binary aGVsbG8=\n", "TL0011", 1),
        text("int tag on a word", "a: !!int ten\n", "TL0018", 1),
        text("seq tag on a mapping", "a: !!seq {b: 1}\n", "TL0018", 1),
        text("tabs for indentation", "a:\n\tb: 1\n", "TL0004", 2),
        text("broken JSON", "{\"a\": 1 \"b\": 2}", "TL0014", 1),
        text("unclosed JSON", "{\"a\": [1, 2}", "TL0014", 1),
        text("201 documents", "a: 1\n---\n".repeat(201), "TL0006", 0),
        text("huge scalar", "a: " + "x".repeat(100_000) + "\n", "TL0008", 1),
        text("duplicate key", "a: 1\nb: 2\na: 3\n", "TL0005", 3),
        text("control character", "a: b\u0007c\n", "TL0013", 1),
        text("escape character", "a: 1\nb: \u001b[31mred\n", "TL0013", 2),
        text("NUL in text", "a: 1\u0000\n", "TL0016", 1),
        text("DEL character", "a: \u007f\n", "TL0013", 1),
        text("lone surrogate", "a: \ud800\n", "TL0013", 1),
        text("complex key", "? [a, b]\n: 1\n", "TL0012", 1),
        text("key that is a mapping alias", "x: &m {a: 1}\n*m : 2\n", "TL0012", 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  void hostileInputEndsInOneCodedDiagnostic(String name, Supplier<YamlLoadResult> load,
      String code, int line) {
    YamlLoadResult r = assertTimeoutPreemptively(Duration.ofSeconds(2), load::get);

    assertThat(r.ok()).as("ok").isFalse();
    assertThat(r.documents()).isEmpty();
    Diagnostic d = r.diagnostics().get(0);
    if (code == null) {
      assertThat(d.code()).isEqualTo("TL0002");
      assertThat(d.message()).contains("offset 13");
      assertThat(d.line()).isEqualTo(2);
      assertThat(d.column()).isEqualTo(8);
      return;
    }
    assertThat(d.code()).as(d.render()).isEqualTo(code);
    assertThat(d.file()).isEqualTo("in.yaml");
    if (line > 0) {
      assertThat(d.line()).as(d.render()).isEqualTo(line);
    }
    assertThat(d.hint()).isNotEmpty();
  }

  private static Arguments text(String name, String yaml, String code, int line) {
    return Arguments.of(name, (Supplier<YamlLoadResult>) () -> LOADER.load("in.yaml", yaml), code, line);
  }

  private static Arguments bytes(String name, byte[] bytes, String code, int line) {
    return Arguments.of(name, (Supplier<YamlLoadResult>) () -> LOADER.load("in.yaml", bytes), code, line);
  }

  private static String billionLaughs() {
    StringBuilder sb = new StringBuilder("a0: &a0 [lol]\n");
    for (int i = 1; i <= 9; i++) {
      String prev = "*a" + (i - 1);
      sb.append("a").append(i).append(": &a").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]\n");
    }
    return sb.toString();
  }

  /** Each level nests the previous one twice as deep: a short text, a very deep tree. */
  private static String aliasDepth() {
    StringBuilder sb = new StringBuilder("l0: &l0 [[[[[[[[x]]]]]]]]\n");
    for (int i = 1; i <= 12; i++) {
      sb.append("l").append(i).append(": &l").append(i).append(" [[[[[[[[*l").append(i - 1)
          .append("]]]]]]]]\n");
    }
    return sb.toString();
  }

  /** "a: 1\nb: café" with a Latin-1 é (0xE9) at byte offset 13: line 2, column 8. */
  private static byte[] invalidUtf8() {
    byte[] head = "a: 1\nb: \u00e9caf".getBytes(StandardCharsets.UTF_8); // é is 2 bytes: offset 11..12
    byte[] b = Arrays.copyOf(head, head.length + 2);
    b[head.length] = (byte) 0xE9;
    b[head.length + 1] = '\n';
    return b;
  }

  private static byte[] fiveMegabytes() {
    byte[] b = new byte[5 * 1024 * 1024];
    Arrays.fill(b, (byte) 'a');
    return b;
  }

  private static byte[] garbage() {
    byte[] b = new byte[4096];
    new Random(42).nextBytes(b);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        b[i] = (byte) 0xC3;
      }
    }
    return b;
  }
}
