package io.trafficlab.engine.core.regex;

import java.util.Arrays;
import java.util.Optional;

/**
 * An RE2 regular expression compiled to a DFA, answering exactly what re2j's
 * {@code Pattern.matches} answers (a full match) in one linear, allocation-free pass.
 *
 * <p>Only a subset of RE2 syntax is compiled (see {@link SubsetParser}), and only while the
 * automaton stays within {@link #MAX_STATES} states; {@link #compile} returns empty otherwise and
 * the caller matches with re2j. Input is UTF-16 but, as in re2j, matching is on code points: a
 * surrogate pair is one code point and a lone surrogate is itself. Immutable and thread-safe.
 */
public final class RegexDfa {

  /** DFA states, the dead state included. Routing patterns need tens. */
  public static final int MAX_STATES = 2_000;
  /** Unrolled NFA states ({@code x{1000}} is a thousand copies of x). */
  static final int MAX_NFA_STATES = 5_000;
  /** Transition table entries (states × character classes): 1 MiB. */
  static final int MAX_TABLE = 1 << 18;
  /**
   * NFA states visited while building, so time and transient memory are bounded whatever the
   * pattern: about 20 ms and a few MiB at worst; routing patterns take thousands.
   */
  static final long MAX_WORK = 2_000_000;

  private static final int ASCII = 128;

  private final String pattern;
  /** The class of each ASCII character; the hot path never searches for those. */
  private final int[] asciiClass;
  /** Interval starts partitioning [0, U+10FFFF], and each interval's class. */
  private final int[] intervalStarts;
  private final int[] intervalClass;
  private final int classCount;
  /** Row offsets: the row after {@code row} on class {@code c} is {@code next[row + c]}. */
  private final int[] next;
  private final boolean[] accepting;
  private final int startRow;

  private RegexDfa(String pattern, DfaBuilder.Tables t) {
    this.pattern = pattern;
    this.intervalStarts = t.intervalStarts();
    this.intervalClass = t.intervalClass();
    this.classCount = t.classCount();
    this.next = t.next();
    this.accepting = t.accepting();
    this.startRow = t.start();
    this.asciiClass = new int[ASCII];
    for (int c = 0; c < ASCII; c++) {
      asciiClass[c] = classOf(c);
    }
  }

  /**
   * Compiles {@code regex}, or returns empty when it is outside the supported subset or its DFA
   * would be over budget; the caller then matches with re2j. Syntax errors are re2j's to report:
   * validate with {@code com.google.re2j.Pattern.compile} first (the ones noticed here decline).
   */
  public static Optional<RegexDfa> compile(String regex) {
    try {
      return Optional.of(build(regex));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  /** As {@link #compile}, saying why a pattern is declined. */
  static RegexDfa build(String regex) throws Unsupported {
    Node node = SubsetParser.parse(regex);
    Nfa nfa = Nfa.compile(node, MAX_NFA_STATES);
    return new RegexDfa(regex, DfaBuilder.build(nfa, MAX_STATES, MAX_TABLE, MAX_WORK));
  }

  /** Whether the whole of {@code s} matches. */
  public boolean matches(String s) {
    return matches(s, s.length());
  }

  /**
   * Whether the first {@code length} chars of {@code s} match as a whole, as
   * {@code matches(s.substring(0, length))} without the copy.
   */
  public boolean matches(String s, int length) {
    final int[] next = this.next;
    final int[] asciiClass = this.asciiClass;
    int row = startRow;
    int i = 0;
    while (i < length) {
      char c = s.charAt(i++);
      int cls;
      if (c < ASCII) {
        cls = asciiClass[c];
      } else {
        int cp = c;
        if (Character.isHighSurrogate(c) && i < length && Character.isLowSurrogate(s.charAt(i))) {
          cp = Character.toCodePoint(c, s.charAt(i++));
        }
        cls = classOf(cp);
      }
      row = next[row + cls];
      if (row == 0) {
        return false; // the dead state: no continuation can match
      }
    }
    return accepting[row / classCount];
  }

  private int classOf(int codePoint) {
    int k = Arrays.binarySearch(intervalStarts, codePoint);
    return intervalClass[k >= 0 ? k : -k - 2];
  }

  /** DFA states, the dead state included. */
  public int stateCount() {
    return accepting.length;
  }

  @Override
  public String toString() {
    return "RegexDfa[" + pattern + ", " + stateCount() + " states, " + classCount + " classes]";
  }
}
