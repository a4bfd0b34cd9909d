package io.trafficlab.engine.config.yaml;

import java.util.Objects;

/** A place in a source file; line and column are 1-based. */
public record SourcePos(String file, int line, int column) {
  public SourcePos {
    Objects.requireNonNull(file, "file");
  }

  public static SourcePos start(String file) {
    return new SourcePos(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
