package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.yaml.TextOrigin;
import io.trafficlab.engine.config.yaml.YamlScalar;

/**
 * Finds where the text of a {@code config: |} block starts in the case file. A literal block scalar
 * keeps its lines verbatim: text line 1 is the file line after the {@code |}, and every content line
 * is the file line with the block's indentation removed. The indentation is measured on the file
 * (file line length minus text line length), which also covers explicit indentation indicators and
 * CRLF files, and is checked on every non-empty line; anything else gives an inexact origin.
 */
final class ConfigOrigin {
  private ConfigOrigin() {}

  static TextOrigin of(YamlScalar scalar, String fileText) {
    TextOrigin fallback = new TextOrigin(scalar.pos().line(), scalar.pos().column(), false);
    if (scalar.style() != YamlScalar.Style.LITERAL || scalar.value().isEmpty()) {
      return fallback;
    }
    String text = fileText.startsWith("\uFEFF") ? fileText.substring(1) : fileText;
    String[] fileLines = text.split("\r\n|\r|\n", -1);
    String[] lines = scalar.value().split("\n", -1);
    int first = scalar.pos().line(); // 0-based index of the line after the one with '|'
    int indent = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      if (first + i >= fileLines.length) {
        return fallback;
      }
      String fl = fileLines[first + i];
      int d = fl.length() - lines[i].length();
      if (d < 0 || !fl.endsWith(lines[i]) || !fl.substring(0, d).isBlank()) {
        return fallback;
      }
      if (indent < 0) {
        indent = d;
      } else if (d != indent) {
        return fallback;
      }
    }
    if (indent < 0) {
      return fallback;
    }
    return new TextOrigin(first + 1, indent + 1, true);
  }
}
