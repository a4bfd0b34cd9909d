package io.trafficlab.labs.pack;

import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * Problems found in a pack's files, each with file:line:column. Pack problems are instructor
 * mistakes: they are reported like user diagnostics, never thrown at a learner.
 */
public final class PackProblems {

  /** One problem; {@code pos} is the exact place in the pack file. */
  public record Problem(SourcePos pos, String message, String hint) {
    public String render() {
      return "error " + pos + ": " + message + (hint.isEmpty() ? "" : "\n  hint: " + hint);
    }
  }

  private final List<Problem> problems = new ArrayList<>();

  public void add(SourcePos pos, String message, String hint) {
    problems.add(new Problem(pos, message, hint == null ? "" : hint));
  }

  public void addAll(PackProblems other) {
    problems.addAll(other.problems);
  }

  public List<Problem> list() {
    return List.copyOf(problems);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }
}
