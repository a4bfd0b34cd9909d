package io.trafficlab.engine.core.regex;

import java.util.Arrays;

/**
 * Sets of code points as sorted, disjoint, non-adjacent inclusive ranges {@code [lo0, hi0, lo1,
 * hi1, ...]}, the shape re2j uses for character classes.
 */
final class CodePoints {

  static final int MAX = Character.MAX_CODE_POINT;

  /** RE2's Perl classes are ASCII-only, whatever the input. */
  static final int[] DIGIT = {'0', '9'};
  static final int[] SPACE = {'\t', '\n', '\f', '\r', ' ', ' '};
  static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
  /** {@code .} without the s flag: everything but a newline. */
  static final int[] ANY_BUT_NEWLINE = {0, '\n' - 1, '\n' + 1, MAX};

  private CodePoints() {}

  static int[] of(int c) {
    return new int[] {c, c};
  }

  /** Sorts and merges ranges that overlap or touch, so equal sets have equal arrays. */
  static int[] normalize(int[] ranges) {
    int n = ranges.length / 2;
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      packed[i] = ((long) ranges[2 * i] << 32) | ranges[2 * i + 1];
    }
    Arrays.sort(packed);
    int[] out = new int[ranges.length];
    int len = 0;
    for (long p : packed) {
      int lo = (int) (p >>> 32);
      int hi = (int) p;
      if (len > 0 && lo <= out[len - 1] + 1) {
        out[len - 1] = Math.max(out[len - 1], hi);
      } else {
        out[len++] = lo;
        out[len++] = hi;
      }
    }
    return Arrays.copyOf(out, len);
  }

  /** The complement within {@code [0, U+10FFFF]} of a normalized set. */
  static int[] negate(int[] ranges) {
    int[] out = new int[ranges.length + 2];
    int len = 0;
    int next = 0;
    for (int i = 0; i < ranges.length; i += 2) {
      if (ranges[i] > next) {
        out[len++] = next;
        out[len++] = ranges[i] - 1;
      }
      next = ranges[i + 1] + 1;
    }
    if (next <= MAX) {
      out[len++] = next;
      out[len++] = MAX;
    }
    return Arrays.copyOf(out, len);
  }

  static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
