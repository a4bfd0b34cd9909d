package io.trafficlab.engine.core.regex;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the subset of RE2 syntax (Perl flags, as re2j's {@code Pattern.compile}) that
 * {@link RegexDfa} determinizes, following re2j's parser rule by rule so an accepted pattern means
 * exactly what it means to re2j:
 *
 * <ul>
 *   <li>literals (any code point), {@code \} + ASCII punctuation, {@code \a \f \n \r \t \v};
 *   <li>{@code .} (anything but a newline), {@code \d \D \s \S \w \W} (ASCII, as RE2);
 *   <li>bracket classes: ranges, {@code ^} negation (which matches a newline), {@code ]} first,
 *       {@code -} anywhere, escapes and Perl classes inside;
 *   <li>{@code (...)}, {@code (?:...)}, {@code |}, {@code * + ? {n} {n,} {n,m}} with an optional
 *       lazy {@code ?} (irrelevant to a full match); counts up to 1000;
 *   <li>{@code ^} as the very first and {@code $} as the very last character, both redundant in a
 *       full match.
 * </ul>
 *
 * <p>Everything else throws {@link Unsupported}: flags, named groups, {@code \b \A \z \Q \C \p \x},
 * octal, POSIX classes, anchors elsewhere, and anything re2j itself rejects (which the webhook
 * reports before a pattern gets here).
 */
final class SubsetParser {

  /** Deeper nesting is legal RE2 but never seen in routing rules; keeps the recursion shallow. */
  static final int MAX_DEPTH = 100;
  /** RE2's limit on a counted repetition. */
  static final int MAX_REPEAT = 1000;

  private final String pattern;
  private int pos;

  private SubsetParser(String pattern) {
    this.pattern = pattern;
  }

  static Node parse(String pattern) throws Unsupported {
    SubsetParser p = new SubsetParser(pattern);
    if (pattern.startsWith("^")) {
      p.pos = 1;
      if (p.more() && "*+?{".indexOf(p.peek()) >= 0) {
        throw new Unsupported("repetition of ^");
      }
    }
    Node node = p.alternation(0);
    if (p.more()) {
      throw new Unsupported("unmatched ) at " + p.pos);
    }
    return node;
  }

  private Node alternation(int depth) throws Unsupported {
    if (depth > MAX_DEPTH) {
      throw new Unsupported("groups nested deeper than " + MAX_DEPTH);
    }
    List<Node> choices = new ArrayList<>();
    choices.add(concatenation(depth));
    while (more() && peek() == '|') {
      pos++;
      choices.add(concatenation(depth));
    }
    return choices.size() == 1 ? choices.get(0) : new Node.Alternate(List.copyOf(choices));
  }

  private Node concatenation(int depth) throws Unsupported {
    List<Node> items = new ArrayList<>();
    while (more() && peek() != '|' && peek() != ')') {
      if (isRepetition()) {
        // a** and a*{2} are errors in RE2 (no stacked repetitions), as is * with nothing before it.
        throw new Unsupported("repetition without an argument at " + pos);
      }
      Node atom = atom(depth);
      if (more() && isRepetition()) {
        atom = repetition(atom);
        if (more() && peek() == '?') {
          pos++; // lazy: the same set of strings
        }
        if (more() && isRepetition()) {
          throw new Unsupported("stacked repetition at " + pos);
        }
      }
      items.add(atom);
    }
    return items.size() == 1 ? items.get(0) : new Node.Concat(List.copyOf(items));
  }

  private Node atom(int depth) throws Unsupported {
    int c = pattern.codePointAt(pos);
    switch (c) {
      case '(':
        pos++;
        if (more() && peek() == '?') {
          if (!pattern.startsWith("?:", pos)) {
            throw new Unsupported("flags or named group at " + (pos - 1));
          }
          pos += 2;
        }
        Node group = alternation(depth + 1);
        if (!more() || peek() != ')') {
          throw new Unsupported("missing )");
        }
        pos++;
        return group;
      case '[':
        return charClass();
      case '.':
        pos++;
        return new Node.Chars(CodePoints.ANY_BUT_NEWLINE);
      case '^':
        throw new Unsupported("^ other than at the start");
      case '$':
        if (pos != pattern.length() - 1) {
          throw new Unsupported("$ other than at the end");
        }
        pos++;
        return Node.EMPTY;
      case '\\':
        int[] perl = perlClass();
        return new Node.Chars(perl != null ? perl : CodePoints.of(escape()));
      default:
        // Includes { that does not start a valid repetition, } and ]: literals in RE2.
        pos += Character.charCount(c);
        return new Node.Chars(CodePoints.of(c));
    }
  }

  private boolean isRepetition() throws Unsupported {
    char c = peek();
    return c == '*' || c == '+' || c == '?' || (c == '{' && counts(false) != null);
  }

  private Node repetition(Node atom) throws Unsupported {
    char c = peek();
    switch (c) {
      case '*':
        pos++;
        return new Node.Repeat(atom, 0, -1);
      case '+':
        pos++;
        return new Node.Repeat(atom, 1, -1);
      case '?':
        pos++;
        return new Node.Repeat(atom, 0, 1);
      default:
        int[] minMax = counts(true);
        return new Node.Repeat(atom, minMax[0], minMax[1]);
    }
  }

  /**
   * {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code pos}, as re2j's parseRepeat: null when
   * the text does not have that shape (then { is a literal); a shape with bad counts is an error.
   */
  private int[] counts(boolean consume) throws Unsupported {
    int i = pos + 1;
    int minEnd = digits(i);
    if (minEnd < 0) {
      return null;
    }
    int min = number(i, minEnd);
    int max = min;
    i = minEnd;
    if (i < pattern.length() && pattern.charAt(i) == ',') {
      i++;
      if (i < pattern.length() && pattern.charAt(i) == '}') {
        max = -1;
      } else {
        int maxEnd = digits(i);
        if (maxEnd < 0) {
          return null;
        }
        max = number(i, maxEnd);
        i = maxEnd;
      }
    }
    if (i >= pattern.length() || pattern.charAt(i) != '}') {
      return null;
    }
    if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
      throw new Unsupported("bad repetition count at " + pos);
    }
    if (consume) {
      pos = i + 1;
    }
    return new int[] {min, max};
  }

  /** The end of a run of digits at {@code i} without a leading zero, else -1. */
  private int digits(int i) {
    int end = i;
    while (end < pattern.length() && pattern.charAt(end) >= '0' && pattern.charAt(end) <= '9') {
      end++;
    }
    if (end == i || (end - i > 1 && pattern.charAt(i) == '0')) {
      return -1;
    }
    return end;
  }

  private int number(int from, int to) {
    // Anything longer than four digits is over the limit anyway; avoids overflow.
    return to - from > 4 ? Integer.MAX_VALUE : Integer.parseInt(pattern, from, to, 10);
  }

  private Node charClass() throws Unsupported {
    pos++; // [
    boolean negated = more() && peek() == '^';
    if (negated) {
      pos++; // RE2's Perl flags include ClassNL, so no newline is added before negating.
    }
    List<int[]> parts = new ArrayList<>();
    boolean first = true;
    while (!more() || peek() != ']' || first) {
      if (!more()) {
        throw new Unsupported("missing ]");
      }
      first = false;
      if (pattern.startsWith("[:", pos)) {
        throw new Unsupported("POSIX class at " + pos);
      }
      int[] perl = perlClass();
      if (perl != null) {
        parts.add(perl);
        continue;
      }
      int lo = classChar();
      int hi = lo;
      // [a-] means a or -, so a - before the closing ] is left for the next round.
      if (more() && peek() == '-' && !pattern.startsWith("-]", pos)) {
        pos++;
        hi = classChar();
        if (hi < lo) {
          throw new Unsupported("bad class range at " + pos);
        }
      }
      parts.add(new int[] {lo, hi});
    }
    pos++; // ]
    int[] ranges = new int[0];
    for (int[] part : parts) {
      ranges = CodePoints.concat(ranges, part);
    }
    ranges = CodePoints.normalize(ranges);
    return new Node.Chars(negated ? CodePoints.negate(ranges) : ranges);
  }

  private int classChar() throws Unsupported {
    if (!more()) {
      throw new Unsupported("missing ]");
    }
    if (peek() == '\\') {
      return escape();
    }
    int c = pattern.codePointAt(pos);
    pos += Character.charCount(c);
    return c;
  }

  /** {@code \d \D \s \S \w \W} at {@code pos}, consumed; null when something else is there. */
  private int[] perlClass() {
    if (pos + 1 >= pattern.length() || pattern.charAt(pos) != '\\') {
      return null;
    }
    int[] set;
    switch (pattern.charAt(pos + 1)) {
      case 'd': case 'D':
        set = CodePoints.DIGIT;
        break;
      case 's': case 'S':
        set = CodePoints.SPACE;
        break;
      case 'w': case 'W':
        set = CodePoints.WORD;
        break;
      default:
        return null;
    }
    boolean negated = Character.isUpperCase(pattern.charAt(pos + 1));
    pos += 2;
    return negated ? CodePoints.negate(set) : set;
  }

  /** A single-character escape at {@code pos} (the backslash), consumed. */
  private int escape() throws Unsupported {
    if (pos + 1 >= pattern.length()) {
      throw new Unsupported("trailing \\");
    }
    char c = pattern.charAt(pos + 1);
    int r;
    switch (c) {
      case 'a': r = 7; break;
      case 'f': r = '\f'; break;
      case 'n': r = '\n'; break;
      case 'r': r = '\r'; break;
      case 't': r = '\t'; break;
      case 'v': r = 11; break;
      default:
        if (c > 0x7f || Character.isLetterOrDigit(c)) {
          // \b \A \z \Q \C \p \x octal... or an escape RE2 rejects.
          throw new Unsupported("escape \\" + c + " at " + pos);
        }
        r = c; // RE2: an escaped ASCII non-alphanumeric is itself (including \_).
    }
    pos += 2;
    return r;
  }

  private boolean more() {
    return pos < pattern.length();
  }

  private char peek() {
    return pattern.charAt(pos);
  }
}
