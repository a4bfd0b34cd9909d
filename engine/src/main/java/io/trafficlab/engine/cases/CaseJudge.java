package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Judges observations against a case's expectations (istio-semantics §11). Pure: no engine, no
 * I/O; the same inputs always give the same verdicts.
 *
 * <ul>
 *   <li>{@code repeat}: every copy must satisfy every key.
 *   <li>{@code concurrent}: {@code statusCounts} applies to the group, every other key to each copy.
 *   <li>{@code responseFlagFor503}: every copy answered 503 must carry the flag.
 *   <li>distribution: each share within the tolerance; keys expected at 0.0 and keys not listed
 *       must stay within the tolerance of 0.
 *   <li>totals: status counts over every copy of every request, in order (not the distribution);
 *       statuses not listed are not checked.
 * </ul>
 */
public final class CaseJudge {
  private CaseJudge() {}

  /** Judges a whole case; {@code perRequest.get(i)} holds the copies of {@code requests[i]}. */
  public static List<Verdict> judge(CaseFile c, List<List<Observation>> perRequest,
      Map<String, Long> distributionCounts) {
    List<Verdict> out = new ArrayList<>();
    List<Observation> all = new ArrayList<>();
    for (int i = 0; i < c.requests().size(); i++) {
      List<Observation> copies = i < perRequest.size() ? perRequest.get(i) : List.of();
      out.addAll(judgeRequest(c.requests().get(i), copies));
      all.addAll(copies);
    }
    c.totals().ifPresent(t -> out.addAll(judgeTotals(t, all)));
    if (distributionCounts != null) {
      c.distribution().ifPresent(d -> out.addAll(judgeDistribution(d, distributionCounts)));
    }
    return out;
  }

  public static boolean allPassed(List<Verdict> verdicts) {
    return verdicts.stream().allMatch(Verdict::passed);
  }

  /** The verdicts of one request's {@code expect}, one per key (and per header or label). */
  public static List<Verdict> judgeRequest(CaseRequest request, List<Observation> copies) {
    Expect e = request.expect();
    PerCopy j = new PerCopy(request.label(), e, copies);
    if (e.service() != null) {
      j.check("service", e.service(), o -> up(o, Observation.Upstream::service),
          o -> o.upstream() != null && serviceMatches(e.service(), o.upstream()));
    }
    if (e.namespace() != null) {
      j.upstream("namespace", e.namespace(), Observation.Upstream::namespace);
    }
    if (e.subset() != null) {
      j.check("subset", e.subset(), o -> o.upstream() == null ? "no pod reached"
          : o.upstream().subset() == null ? "no subset" : o.upstream().subset(),
          o -> o.upstream() != null && e.subset().equals(o.upstream().subset()));
    }
    e.podLabels().forEach((k, v) -> j.check("podLabels." + k, "podLabels", k + "=" + v,
        o -> o.upstream() == null ? "no pod reached"
            : k + "=" + o.upstream().podLabels().getOrDefault(k, "(none)"),
        o -> o.upstream() != null && v.equals(o.upstream().podLabels().get(k))));
    if (e.status() != null) {
      j.check("status", e.status().toString(), o -> Integer.toString(o.status()),
          o -> o.status() == e.status());
    }
    if (!e.statusIn().isEmpty()) {
      j.check("statusIn", "one of " + e.statusIn(), o -> Integer.toString(o.status()),
          o -> e.statusIn().contains(o.status()));
    }
    if (e.responseFlag() != null) {
      j.check("responseFlag", e.responseFlag(), CaseJudge::flags,
          o -> o.responseFlags().contains(e.responseFlag()));
    }
    if (e.responseFlagNot() != null) {
      j.check("responseFlagNot", "no " + e.responseFlagNot(), CaseJudge::flags,
          o -> !o.responseFlags().contains(e.responseFlagNot()));
    }
    if (e.responseFlagFor503() != null) {
      j.for503(e.responseFlagFor503());
    }
    if (e.bodyContains() != null) {
      j.check("bodyContains", "a body containing " + quote(e.bodyContains()),
          o -> "body " + quote(abbreviate(o.body())),
          o -> o.body() != null && o.body().contains(e.bodyContains()));
    }
    if (e.redirect() != null) {
      j.check("redirect", e.redirect(), o -> o.responseHeaders().containsKey("location")
          ? o.responseHeaders().get("location") : "no Location header (status " + o.status() + ")",
          o -> e.redirect().equals(o.responseHeaders().get("location")));
    }
    if (e.rewrittenPath() != null) {
      j.upstream("rewrittenPath", e.rewrittenPath(), Observation.Upstream::path);
    }
    if (e.rewrittenAuthority() != null) {
      j.upstream("rewrittenAuthority", e.rewrittenAuthority(), Observation.Upstream::authority);
    }
    e.requestHeaders().forEach((k, v) -> j.check("requestHeaders." + k, "requestHeaders",
        k + ": " + v, o -> o.upstream() == null ? "no pod reached"
            : k + ": " + o.upstream().headers().getOrDefault(k, "(absent)"),
        o -> o.upstream() != null && v.equals(o.upstream().headers().get(k))));
    for (String k : e.requestHeadersAbsent()) {
      j.check("requestHeadersAbsent." + k, "requestHeadersAbsent", "no " + k + " header",
          o -> o.upstream() == null ? "no pod reached" : k + ": " + o.upstream().headers().get(k),
          o -> o.upstream() != null && !o.upstream().headers().containsKey(k));
    }
    e.responseHeaders().forEach((k, v) -> j.check("responseHeaders." + k, "responseHeaders",
        k + ": " + v, o -> k + ": " + o.responseHeaders().getOrDefault(k, "(absent)"),
        o -> v.equals(o.responseHeaders().get(k))));
    for (String k : e.responseHeadersAbsent()) {
      j.check("responseHeadersAbsent." + k, "responseHeadersAbsent", "no " + k + " header",
          o -> k + ": " + o.responseHeaders().get(k), o -> !o.responseHeaders().containsKey(k));
    }
    if (e.minLatencyMs() != null) {
      j.check("minLatencyMs", ">= " + ms(e.minLatencyMs()), o -> ms(o.latencyMs()),
          o -> o.latencyMs() >= e.minLatencyMs());
    }
    if (e.maxLatencyMs() != null) {
      j.check("maxLatencyMs", "<= " + ms(e.maxLatencyMs()), o -> ms(o.latencyMs()),
          o -> o.latencyMs() <= e.maxLatencyMs());
    }
    if (e.upstreamAttempts() != null) {
      j.check("upstreamAttempts", e.upstreamAttempts().toString(),
          o -> Integer.toString(o.upstreamAttempts()),
          o -> e.upstreamAttempts().contains(o.upstreamAttempts()));
    }
    if (e.mirroredTo() != null) {
      j.mirrors(e.mirroredTo());
    }
    e.statusCounts().forEach((code, range) -> j.out.add(statusCount(request.label(),
        "statusCounts." + code, code, range, copies, e.pos("statusCounts").orElse(null))));
    return j.out;
  }

  /** Status counts over every copy of every request, in order (the distribution excluded). */
  public static List<Verdict> judgeTotals(Totals t, List<Observation> all) {
    List<Verdict> out = new ArrayList<>();
    t.statusCounts().forEach((code, range) ->
        out.add(statusCount("totals", "statusCounts." + code, code, range, all, t.pos())));
    return out;
  }

  /** One verdict per share: every key of {@code expect}, then every observed key not listed. */
  public static List<Verdict> judgeDistribution(Distribution d, Map<String, Long> counts) {
    List<Verdict> out = new ArrayList<>();
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Double> expected = new LinkedHashMap<>(d.expect());
    new TreeMap<>(counts).forEach((k, n) -> expected.putIfAbsent(k, null));
    expected.forEach((key, share) -> {
      boolean listed = share != null;
      double want = listed ? share : 0.0;
      long n = counts.getOrDefault(key, 0L);
      String what = d.by() + " " + key;
      if (total == 0) {
        out.add(new Verdict("distribution", "share " + key, false,
            "expected " + what + " at " + pct(want) + ", but no request was counted", d.pos()));
        return;
      }
      double got = (double) n / total;
      boolean ok = Math.abs(got - want) <= d.tolerance() + 1e-9;
      String observed = pct(got) + " (" + n + "/" + total + ")";
      String msg = ok
          ? what + ": " + observed + ", expected " + pct(want) + " ± " + pct(d.tolerance())
          : "expected " + what + " at " + pct(want) + " ± " + pct(d.tolerance()) + ", got "
              + observed + (listed ? "" : "; " + key + " is not listed in expect, so it should get none")
              + "; observed: " + shares(counts, total);
      out.add(new Verdict("distribution", "share " + key, ok, msg, d.pos()));
    });
    return out;
  }

  /**
   * The key an observation is counted under for {@code by}: the subset, service or status, or the
   * value of a pod label. {@code (no pod)} when no pod was reached, {@code (none)} when the route
   * chose no subset or the pod lacks the label.
   */
  public static String distributionKey(String by, Observation o) {
    if (by.equals("status")) {
      return Integer.toString(o.status());
    }
    if (o.upstream() == null) {
      return "(no pod)";
    }
    String v = switch (by) {
      case "subset" -> o.upstream().subset();
      case "service" -> o.upstream().service();
      default -> o.upstream().podLabels().get(by);
    };
    return v == null ? "(none)" : v;
  }

  /** Counts observations by {@link #distributionKey}. */
  public static Map<String, Long> countBy(String by, List<Observation> observations) {
    Map<String, Long> counts = new TreeMap<>();
    for (Observation o : observations) {
      counts.merge(distributionKey(by, o), 1L, Long::sum);
    }
    return counts;
  }

  // ---- helpers ----

  private static Verdict statusCount(String subject, String check, int code, IntRange range,
      List<Observation> obs, SourcePos pos) {
    long n = obs.stream().filter(o -> o.status() == code).count();
    boolean ok = range.contains(n);
    String counts = statusSummary(obs);
    String msg = ok
        ? "status " + code + " in " + n + " of " + obs.size() + " responses (expected " + range + ")"
        : "expected status " + code + " " + range + " times, got " + n + " of " + obs.size()
            + " responses (" + counts + ")";
    return new Verdict(subject, check, ok, msg, pos);
  }

  static String statusSummary(List<Observation> obs) {
    if (obs.isEmpty()) {
      return "no responses";
    }
    Map<Integer, Long> c = new TreeMap<>();
    obs.forEach(o -> c.merge(o.status(), 1L, Long::sum));
    List<String> parts = new ArrayList<>();
    c.forEach((k, v) -> parts.add(k + "×" + v));
    return String.join(", ", parts);
  }

  private static String shares(Map<String, Long> counts, long total) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(counts).forEach((k, n) -> parts.add(k + " " + pct((double) n / total)));
    return String.join(", ", parts);
  }

  private static boolean serviceMatches(String expected, Observation.Upstream u) {
    String e = expected.toLowerCase(java.util.Locale.ROOT);
    return e.equals(u.service()) || e.equals(u.service() + "." + u.namespace())
        || e.equals(u.service() + "." + u.namespace() + ".svc")
        || e.equals(u.service() + "." + u.namespace() + ".svc.cluster.local");
  }

  private static String up(Observation o, Function<Observation.Upstream, String> f) {
    return o.upstream() == null ? "no pod reached" : String.valueOf(f.apply(o.upstream()));
  }

  static String flags(Observation o) {
    return o.responseFlags().isEmpty() ? "no flags" : "flags " + String.join(",", o.responseFlags());
  }

  static String pct(double share) {
    return String.format(java.util.Locale.ROOT, "%.3f", share);
  }

  static String ms(double v) {
    return (v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v))
        + " ms";
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    String one = s.replace("\n", " ");
    return one.length() > 80 ? one.substring(0, 80) + "..." : one;
  }

  /** Evidence about one observation: status, flags and route. */
  static String evidence(Observation o) {
    StringBuilder sb = new StringBuilder("status ").append(o.status());
    if (!o.responseFlags().isEmpty()) {
      sb.append(' ').append(String.join(",", o.responseFlags()));
    }
    if (o.route() != null && !o.route().isBlank()) {
      sb.append(", route ").append(o.route());
    } else {
      sb.append(", no route");
    }
    return sb.toString();
  }

  /** Applies per-copy checks to the copies of one request and collects verdicts. */
  private static final class PerCopy {
    final String subject;
    final Expect expect;
    final List<Observation> copies;
    final List<Verdict> out = new ArrayList<>();

    PerCopy(String subject, Expect expect, List<Observation> copies) {
      this.subject = subject;
      this.expect = expect;
      this.copies = copies;
    }

    void upstream(String key, String expected, Function<Observation.Upstream, String> f) {
      check(key, expected, o -> up(o, f),
          o -> o.upstream() != null && Objects.equals(expected, f.apply(o.upstream())));
    }

    void check(String key, String expected, Function<Observation, String> actual,
        Predicate<Observation> ok) {
      check(key, key, expected, actual, ok);
    }

    /** {@code posKey} is the expect key whose position the verdict carries. */
    void check(String key, String posKey, String expected, Function<Observation, String> actual,
        Predicate<Observation> ok) {
      SourcePos pos = expect.pos(posKey).orElse(null);
      String what = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      if (copies.isEmpty()) {
        out.add(new Verdict(subject, key, false,
            "expected " + what + " " + expected + ", but there is no observation", pos));
        return;
      }
      Map<String, Integer> wrong = new LinkedHashMap<>();
      Observation firstBad = null;
      for (Observation o : copies) {
        if (!ok.test(o)) {
          wrong.merge(actual.apply(o), 1, Integer::sum);
          if (firstBad == null) {
            firstBad = o;
          }
        }
      }
      int n = copies.size();
      if (firstBad == null) {
        out.add(new Verdict(subject, key, true,
            what + " " + expected + (n == 1 ? "" : " in " + n + "/" + n + " copies"), pos));
        return;
      }
      StringBuilder msg = new StringBuilder("expected ").append(what).append(' ').append(expected)
          .append(", got ");
      List<String> parts = new ArrayList<>();
      wrong.forEach((v, c) -> parts.add(n == 1 ? v : v + " in " + c + "/" + n + " copies"));
      msg.append(String.join(", ", parts)).append(": ").append(evidence(firstBad));
      out.add(new Verdict(subject, key, false, msg.toString(), pos));
    }

    void for503(String flag) {
      SourcePos pos = expect.pos("responseFlagFor503").orElse(null);
      List<Observation> errors = copies.stream().filter(o -> o.status() == 503).toList();
      List<Observation> bad = errors.stream().filter(o -> !o.responseFlags().contains(flag)).toList();
      if (errors.isEmpty()) {
        out.add(new Verdict(subject, "responseFlagFor503", true,
            "no 503 among " + copies.size() + " response" + (copies.size() == 1 ? "" : "s"), pos));
      } else if (bad.isEmpty()) {
        out.add(new Verdict(subject, "responseFlagFor503", true,
            "all " + errors.size() + " responses with status 503 carry " + flag, pos));
      } else {
        out.add(new Verdict(subject, "responseFlagFor503", false,
            "expected every 503 to carry " + flag + ", " + bad.size() + " of " + errors.size()
                + " do not (" + flags(bad.get(0)) + "): " + evidence(bad.get(0)), pos));
      }
    }

    void mirrors(List<Expect.MirrorExpect> expected) {
      if (expected.isEmpty()) {
        check("mirroredTo", "no mirror", o -> o.mirroredTo().size() + " mirror copies",
            o -> o.mirroredTo().isEmpty());
        return;
      }
      for (int i = 0; i < expected.size(); i++) {
        Expect.MirrorExpect m = expected.get(i);
        check("mirroredTo[" + i + "]", "mirroredTo", "a mirror to " + m,
            o -> o.mirroredTo().isEmpty() ? "no mirror" : "mirrors to " + o.mirroredTo().stream()
                .map(x -> x.service() + "." + x.namespace() + (x.subset() == null ? "" : " subset " + x.subset()))
                .toList(),
            o -> o.mirroredTo().stream().anyMatch(x -> mirrorMatches(m, x)));
      }
    }
  }

  static boolean mirrorMatches(Expect.MirrorExpect e, Observation.Mirror m) {
    return (e.service() == null || e.service().equals(m.service())
            || e.service().equals(m.service() + "." + m.namespace()))
        && (e.namespace() == null || e.namespace().equals(m.namespace()))
        && (e.subset() == null || e.subset().equals(m.subset()))
        && (e.pod() == null || e.pod().equals(m.pod()))
        && (e.path() == null || e.path().equals(m.path()));
  }
}
