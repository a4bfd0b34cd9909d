package io.trafficlab.web.exercise;

import java.util.Locale;

/**
 * A tiny SVG writer. Every text and attribute value goes through {@link #esc}: chart labels come
 * from learner YAML and engine observations, so they are untrusted.
 */
final class Svg {
  private final StringBuilder sb = new StringBuilder();

  Svg(int width, int height, String label) {
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" width=\"100%\" role=\"img\" aria-label=\"").append(esc(label)).append("\" class=\"chart\">")
        .append("<title>").append(esc(label)).append("</title>");
  }

  Svg rect(double x, double y, double w, double h, String cls) {
    sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(Math.max(0, w)))
        .append("\" height=\"").append(n(Math.max(0, h))).append("\" rx=\"3\" class=\"").append(esc(cls)).append("\"/>");
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String cls) {
    sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
        .append("\" y2=\"").append(n(y2)).append("\" class=\"").append(esc(cls)).append("\"/>");
    return this;
  }

  Svg path(String d, String cls) {
    sb.append("<path d=\"").append(esc(d)).append("\" class=\"").append(esc(cls)).append("\"/>");
    return this;
  }

  Svg text(double x, double y, String text, String cls) {
    return text(x, y, text, cls, "start");
  }

  Svg text(double x, double y, String text, String cls, String anchor) {
    sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(esc(anchor))
        .append("\" class=\"").append(esc(cls)).append("\">").append(esc(text)).append("</text>");
    return this;
  }

  Svg raw(String trustedMarkup) {
    sb.append(trustedMarkup);
    return this;
  }

  String end() {
    return sb.append("</svg>").toString();
  }

  static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
      }
    }
    return out.toString();
  }

  /** Shortens a label to {@code max} characters with an ellipsis. */
  static String cut(String s, int max) {
    return s == null ? "" : s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** At most {@code max} characters, the middle elided: names that share a prefix stay distinct. */
  static String cutMiddle(String s, int max) {
    if (s == null) {
      return "";
    }
    if (s.length() <= max) {
      return s;
    }
    int tail = (max - 1) / 2;
    return s.substring(0, max - 1 - tail) + "…" + s.substring(s.length() - tail);
  }
}
