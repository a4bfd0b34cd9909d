package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Severity;
import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Judges a case's {@code validation} block and {@code analyzer} codes against the diagnostics a
 * validator reported (istio-semantics §11). A needle matches a diagnostic when, ignoring case,
 * spaces, '-' and '_', one of its {@code a|b} alternatives is contained in the diagnostic's code,
 * message, path or hint. The {@code layer} key is informational: any correct validator may report
 * the finding in another layer.
 */
public final class ValidationJudge {
  private ValidationJudge() {}

  public static List<Verdict> judge(ValidationSpec v, List<Diagnostic> diagnostics) {
    List<Verdict> out = new ArrayList<>();
    List<Diagnostic> errors = diagnostics.stream().filter(Diagnostic::isError).toList();
    List<Diagnostic> warnings =
        diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).toList();
    boolean valid = errors.isEmpty();
    String got = valid ? "valid" + (warnings.isEmpty() ? "" : " (" + count(warnings, "warning") + ")")
        : "invalid: " + count(errors, "error") + " (" + summary(errors) + ")";
    out.add(new Verdict("validation", "valid", valid == v.valid(),
        (valid == v.valid() ? "" : "expected " + (v.valid() ? "valid" : "invalid") + ", got ") + got,
        v.pos("valid").orElse(v.pos())));
    needles(out, "errorContains", v.errorContains(), errors, "error", v,
        d -> List.of(d.code(), d.message(), d.path(), d.hint()));
    needles(out, "warningContains", v.warningContains(), warnings, "warning", v,
        d -> List.of(d.code(), d.message(), d.path(), d.hint()));
    needles(out, "didYouMean", v.didYouMean(), diagnostics, "diagnostic", v,
        d -> List.of(d.message(), d.hint()));
    return out;
  }

  /** Each code must be reported (by the analysis layer or any other). */
  public static List<Verdict> judgeAnalyzer(List<String> codes, List<Diagnostic> diagnostics) {
    return judgeAnalyzer(codes, List.of(), diagnostics);
  }

  /**
   * Like {@link #judgeAnalyzer(List, List)}, with where each code is written ({@link
   * CaseFile#analyzerPositions()}; empty when unknown).
   */
  public static List<Verdict> judgeAnalyzer(List<String> codes, List<SourcePos> positions,
      List<Diagnostic> diagnostics) {
    List<Verdict> out = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      List<Diagnostic> hits = diagnostics.stream().filter(d -> d.code().equals(code)).toList();
      out.add(new Verdict("analyzer", "[" + i + "]", !hits.isEmpty(), hits.isEmpty()
          ? "expected " + code + " to be reported, got " + (diagnostics.isEmpty() ? "no diagnostics"
              : summary(diagnostics))
          : code + " reported: " + hits.get(0).message(),
          i < positions.size() ? positions.get(i) : null));
    }
    return out;
  }

  /** True when one of the needle's alternatives is contained in one of the texts. */
  public static boolean matches(String needle, List<String> texts) {
    for (String alt : needle.split("\\|")) {
      String n = norm(alt);
      if (n.isEmpty()) {
        continue;
      }
      for (String t : texts) {
        if (t != null && norm(t).contains(n)) {
          return true;
        }
      }
    }
    return false;
  }

  static String norm(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '-' && c != '_' && !Character.isWhitespace(c)) {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static void needles(List<Verdict> out, String key, List<String> needles,
      List<Diagnostic> pool, String kind, ValidationSpec v,
      Function<Diagnostic, List<String>> fields) {
    for (int i = 0; i < needles.size(); i++) {
      String needle = needles.get(i);
      Diagnostic hit = pool.stream().filter(d -> matches(needle, fields.apply(d))).findFirst()
          .orElse(null);
      String check = key + "[" + i + "]";
      String msg = hit != null
          ? "\"" + needle + "\" found in " + hit.code() + " at " + hit.line() + ":" + hit.column()
              + ": " + hit.message()
          : "no " + kind + " mentions \"" + needle + "\" ("
              + (pool.isEmpty() ? "no " + kind + "s" : summary(pool)) + ")";
      out.add(new Verdict("validation", check, hit != null, msg,
          v.pos(check).orElse(v.pos(key).orElse(v.pos()))));
    }
  }

  private static String count(List<?> l, String noun) {
    return l.size() + " " + noun + (l.size() == 1 ? "" : "s");
  }

  private static String summary(List<Diagnostic> ds) {
    List<String> parts = new ArrayList<>();
    for (Diagnostic d : ds.subList(0, Math.min(3, ds.size()))) {
      parts.add(d.code() + " " + d.message());
    }
    if (ds.size() > 3) {
      parts.add("and " + (ds.size() - 3) + " more");
    }
    return String.join("; ", parts);
  }
}
