package io.trafficlab.web.exercise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Server-rendered SVG charts of a grading run: readable without JavaScript, escaped throughout. */
final class Charts {
  private static final int WIDTH = 520;
  private static final int LABEL = 110;
  private static final int BAR = WIDTH - LABEL - 90;

  private Charts() {}

  /**
   * Observed vs expected shares per key (subset, service, status or a pod label). Keys expected
   * come first in their order, then keys only observed. {@code basis} says which requests were
   * counted ("all 1,000 requests", "10 sample requests"): the legend and the chart's label say it.
   */
  static String split(String title, Map<String, Double> expected, Map<String, Long> observed, String basis) {
    Set<String> keys = new LinkedHashSet<>(expected.keySet());
    keys.addAll(observed.keySet());
    long total = observed.values().stream().mapToLong(Long::longValue).sum();
    int rowH = 40;
    int h = 26 + keys.size() * rowH + 22;
    Svg svg = new Svg(WIDTH, h, title + " — observed in " + basis);
    svg.text(0, 16, title, "chart-title");
    int y = 30;
    for (String k : keys) {
      double obs = total == 0 ? 0 : observed.getOrDefault(k, 0L) / (double) total;
      Double exp = expected.get(k);
      svg.text(LABEL - 8, y + 15, Svg.cut(k, 16), "chart-label", "end");
      svg.rect(LABEL, y + 2, BAR, 14, "bar-track");
      svg.rect(LABEL, y + 2, BAR * obs, 14, "bar-observed");
      svg.text(LABEL + BAR + 6, y + 14, pct(obs) + " (" + count(observed.getOrDefault(k, 0L)) + ")", "chart-value");
      if (exp != null) {
        svg.rect(LABEL, y + 20, BAR * clamp(exp), 8, "bar-expected");
        svg.text(LABEL + BAR + 6, y + 29, "expected " + pct(exp), "chart-note");
      }
      y += rowH;
    }
    svg.rect(LABEL, h - 14, 10, 8, "bar-observed").text(LABEL + 14, h - 6, "observed in " + basis, "chart-note");
    svg.rect(LABEL + 210, h - 14, 10, 8, "bar-expected").text(LABEL + 224, h - 6, "expected", "chart-note");
    return svg.end();
  }

  /** Responses by status code, coloured by class (2xx, 4xx, 5xx), of the sample requests. */
  static String statusMix(Map<String, Long> byStatus) {
    long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
    int rowH = 24;
    int h = 26 + Math.max(1, byStatus.size()) * rowH + 4;
    String title = "Status codes (" + count(total) + " sample request" + (total == 1 ? "" : "s") + ")";
    Svg svg = new Svg(WIDTH, h, title);
    svg.text(0, 16, title, "chart-title");
    int y = 28;
    for (Map.Entry<String, Long> e : byStatus.entrySet()) {
      double share = total == 0 ? 0 : e.getValue() / (double) total;
      String cls = e.getKey().startsWith("2") ? "bar-ok" : e.getKey().startsWith("3") ? "bar-observed"
          : e.getKey().startsWith("4") ? "bar-warn" : "bar-bad";
      svg.text(LABEL - 8, y + 13, Svg.cut(e.getKey(), 16), "chart-label", "end");
      svg.rect(LABEL, y + 2, BAR, 14, "bar-track").rect(LABEL, y + 2, BAR * share, 14, cls);
      svg.text(LABEL + BAR + 6, y + 14, e.getValue() + " (" + pct(share) + ")", "chart-value");
      y += rowH;
    }
    return svg.end();
  }

  /** p50, p90, p99 and max latency in simulated milliseconds, of the sample requests. */
  static String latency(List<Double> latenciesMs) {
    List<Double> sorted = new ArrayList<>(latenciesMs);
    Collections.sort(sorted);
    Map<String, Double> rows = new LinkedHashMap<>();
    rows.put("p50", percentile(sorted, 50));
    rows.put("p90", percentile(sorted, 90));
    rows.put("p99", percentile(sorted, 99));
    rows.put("max", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
    double max = Math.max(1, rows.get("max"));
    int rowH = 24;
    int h = 26 + rows.size() * rowH + 4;
    String title = "Latency, simulated ms (" + count(sorted.size()) + " sample request" + (sorted.size() == 1 ? "" : "s") + ")";
    Svg svg = new Svg(WIDTH, h, title);
    svg.text(0, 16, title, "chart-title");
    int y = 28;
    for (Map.Entry<String, Double> e : rows.entrySet()) {
      svg.text(LABEL - 8, y + 13, e.getKey(), "chart-label", "end");
      svg.rect(LABEL, y + 2, BAR, 14, "bar-track").rect(LABEL, y + 2, BAR * e.getValue() / max, 14, "bar-observed");
      svg.text(LABEL + BAR + 6, y + 14, ms(e.getValue()), "chart-value");
      y += rowH;
    }
    return svg.end();
  }

  /** Nearest-rank percentile of a sorted list (0 when empty). */
  static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  /** A count with thousands separators: 1,000. */
  static String count(long n) {
    return String.format(Locale.ENGLISH, "%,d", n);
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f %%", share * 100).replace(".0 %", " %");
  }

  static String ms(double v) {
    return String.format(Locale.ROOT, v < 10 ? "%.1f ms" : "%.0f ms", v);
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
