package io.trafficlab.engine.config.yaml;

/**
 * Where a piece of YAML text sits in the file that holds it, so that positions inside it can be
 * reported as positions in that file. A stand-alone file starts at line 1, column 1. The
 * {@code config} of a case file written as a literal block scalar ({@code config: |}) starts on the
 * line after the {@code |}, and every one of its lines is indented by the same number of columns:
 * text line {@code l}, column {@code c} is file line {@code line + l - 1}, column
 * {@code column + c - 1}.
 *
 * <p>When the text was not copied verbatim (a folded or quoted scalar, whose line breaks and escapes
 * were rewritten by the YAML parser), no exact mapping exists: {@code exact} is false and every
 * position maps to the origin itself, the start of the scalar. Approximate but never wrong.
 *
 * @param line   1-based file line of the text's first line
 * @param column 1-based file column of the text's first column (on every line)
 * @param exact  false when positions inside the text can not be mapped
 */
public record TextOrigin(int line, int column, boolean exact) {

  /** A file of its own. */
  public static final TextOrigin START = new TextOrigin(1, 1, true);

  public TextOrigin {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line: " + line + ", column: " + column + " (expected: >= 1)");
    }
  }

  /** The file position of 1-based {@code textLine}, {@code textColumn} of the text. */
  public SourcePos map(String file, int textLine, int textColumn) {
    if (!exact) {
      return new SourcePos(file, line, column);
    }
    return new SourcePos(file, line + textLine - 1, column + textColumn - 1);
  }
}
