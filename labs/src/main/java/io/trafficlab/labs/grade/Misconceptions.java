package io.trafficlab.labs.grade;

import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.labs.pack.Exercise.Misconception;
import java.util.Set;
import java.util.regex.Pattern;

/** Recognises a misconception: every condition of its {@code detect} must hold. Pure. */
public final class Misconceptions {
  private Misconceptions() {}

  public static boolean matches(Misconception m, String submission, FrontEndResult fe, Set<String> failedChecks,
      Set<String> passedChecks) {
    return failedChecks.containsAll(m.failedChecks()) && passedChecks.containsAll(m.passedChecks())
        && staticPartHolds(m, submission, fe);
  }

  /** The conditions that need no traffic: {@code diagnostic} and {@code pattern}. */
  public static boolean staticPartHolds(Misconception m, String submission, FrontEndResult fe) {
    return m.diagnostic().map(d -> hasDiagnostic(fe, d)).orElse(true)
        && m.pattern().map(p -> Pattern.compile(p).matcher(submission).find()).orElse(true);
  }

  /** "CODE" or "CODE text": a diagnostic with that code whose path or message contains the text. */
  public static boolean hasDiagnostic(FrontEndResult fe, String spec) {
    int space = spec.indexOf(' ');
    String code = space < 0 ? spec : spec.substring(0, space);
    String text = space < 0 ? "" : spec.substring(space + 1).trim();
    return fe.diagnostics().stream().anyMatch(d -> d.code().equals(code)
        && (d.path().contains(text) || d.message().contains(text)));
  }

  /** True when the misconception can only be confirmed by running traffic. */
  public static boolean needsTraffic(Misconception m) {
    return !m.failedChecks().isEmpty() || !m.passedChecks().isEmpty();
  }
}
