package io.trafficlab.engine.config.diag;

/**
 * Makes characters that display as nothing, or that reorder the text around them, visible as
 * {@code \u202E}-style escapes: bidirectional overrides and isolates, zero-width spaces and joiners,
 * the byte order mark, other format characters, control characters (except tab and newline), line
 * and paragraph separators and lone surrogates. A diagnostic that quotes {@code "re\u202Eviews"}
 * must show the learner why two names that look equal are not ("Trojan Source", CVE-2021-42574),
 * and must never reorder the rest of the message in an editor, a terminal or a page.
 */
final class Visible {
  private Visible() {}

  static String text(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1));
      if (!pair && hidden(c)) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        sb.append(String.format("\\u%04X", (int) c));
      } else if (sb != null) {
        sb.append(c);
        if (pair) {
          sb.append(s.charAt(i + 1));
        }
      }
      if (pair) {
        i++;
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** Whether a char that is not half of a valid surrogate pair is invisible or reorders text. */
  private static boolean hidden(char c) {
    if (c == '\n' || c == '\t') {
      return false;
    }
    if (Character.isSurrogate(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }
}
