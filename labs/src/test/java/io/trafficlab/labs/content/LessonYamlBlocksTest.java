package io.trafficlab.labs.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Severity;
import io.trafficlab.engine.config.yaml.TextOrigin;
import io.trafficlab.engine.config.yaml.YamlLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every ```yaml block of every lesson of every pack is validated: a plain block must have no error;
 * a block fenced ```yaml wrong WORD must get an error or warning mentioning WORD (in its code,
 * message, path or hint). Positions point into the lesson file.
 */
class LessonYamlBlocksTest {
  static final List<Path> PACK_ROOTS = List.of(Path.of("../content/packs"), Path.of("src/test/resources/packs"));

  /** A fenced block: where it starts (the first line of its content) and its info string. */
  record Block(Path file, int line, String info, String text) {
    boolean wrong() {
      return info.startsWith("yaml wrong");
    }

    String word() {
      return info.substring("yaml wrong".length()).trim();
    }

    @Override
    public String toString() {
      return file + ":" + line + (wrong() ? " (wrong " + word() + ")" : "");
    }
  }

  @TestFactory
  Stream<DynamicTest> everyLessonYamlBlockValidatesAsItsFenceSays() throws IOException {
    List<Block> blocks = new ArrayList<>();
    for (Path lesson : lessons()) {
      blocks.addAll(blocks(lesson, Files.readString(lesson)));
    }
    assertThat(blocks).as("yaml blocks found in the built-in pack").hasSizeGreaterThan(20);
    return blocks.stream().map(b -> DynamicTest.dynamicTest(b.toString(), () -> check(b)));
  }

  @Test
  void blocksAreFoundWithTheirLineAndFence() {
    String md = """
        ---
        title: x
        ---
        text
        ```yaml
        a: 1
        ```
        ~~~ not a fence for us
        ```yaml wrong IST0101
        b: 2
        ```
        ```bash
        echo
        ```
        """;

    List<Block> blocks = blocks(Path.of("l.md"), md);

    assertThat(blocks).extracting(Block::line, Block::info, Block::text)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(6, "yaml", "a: 1\n"),
            org.assertj.core.groups.Tuple.tuple(10, "yaml wrong IST0101", "b: 2\n"));
  }

  static final String VS = """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: web}
      spec:
        hosts: [web]
        http:
        - route:
          - destination: {host: web}
            wieght: 1
      """;

  @Test
  void aPlainBlockWithAnErrorFailsAndAWrongBlockPassesOnlyWithItsWord() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> check(new Block(Path.of("l.md"), 3, "yaml", VS)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("l.md:11:7");
    check(new Block(Path.of("l.md"), 3, "yaml wrong wieght", VS));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> check(new Block(Path.of("l.md"), 3, "yaml wrong retries", VS)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("mentioning retries");
  }

  static void check(Block b) {
    FrontEndResult r = new ConfigFrontEnd().validate(
        new YamlLoader().load(b.file().toString(), b.text(), new TextOrigin(b.line(), 1, true)), "shop",
        Optional.empty());
    if (b.wrong()) {
      String word = norm(b.word());
      assertThat(r.diagnostics().stream().filter(d -> d.severity() != Severity.INFO)
          .anyMatch(d -> norm(d.code() + " " + d.message() + " " + d.path() + " " + d.hint()).contains(word)))
          .as("%s: a diagnostic mentioning %s; got %s", b, b.word(), render(r.diagnostics()))
          .isTrue();
    } else {
      assertThat(r.errors()).as("%s has errors", b).extracting(Diagnostic::render).isEmpty();
    }
  }

  static String norm(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static List<String> render(List<Diagnostic> ds) {
    return ds.stream().map(Diagnostic::render).toList();
  }

  static List<Block> blocks(Path file, String markdown) {
    List<Block> out = new ArrayList<>();
    String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (!l.startsWith("```")) {
        continue;
      }
      String info = l.substring(3).strip();
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      while (j < lines.length && !lines[j].strip().equals("```")) {
        text.append(lines[j]).append('\n');
        j++;
      }
      if (info.equals("yaml") || info.startsWith("yaml ")) {
        out.add(new Block(file, i + 2, info, text.toString()));
      }
      i = j;
    }
    return out;
  }

  static List<Path> lessons() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path root : PACK_ROOTS) {
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("lessons")
            && p.toString().endsWith(".md")).sorted().forEach(out::add);
      }
    }
    return out;
  }
}
