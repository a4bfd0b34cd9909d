package io.trafficlab.engine.cases;

/**
 * An inclusive range of counts, written as an integer ({@code 3}: exactly 3) or as
 * {@code {min, max}} (either bound may be left out).
 */
public record IntRange(int min, int max) {

  public IntRange {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("range: " + min + ".." + max + " (expected: 0 <= min <= max)");
    }
  }

  public static IntRange exactly(int n) {
    return new IntRange(n, n);
  }

  public static IntRange atLeast(int n) {
    return new IntRange(n, Integer.MAX_VALUE);
  }

  public boolean contains(long n) {
    return n >= min && n <= max;
  }

  /** {@code 3}, {@code 1..5}, {@code >= 2} or {@code <= 4}. */
  @Override
  public String toString() {
    if (min == max) {
      return Integer.toString(min);
    }
    if (max == Integer.MAX_VALUE) {
      return ">= " + min;
    }
    if (min == 0) {
      return "<= " + max;
    }
    return min + ".." + max;
  }
}
