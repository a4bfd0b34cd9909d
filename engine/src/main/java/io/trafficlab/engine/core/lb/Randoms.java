package io.trafficlab.engine.core.lb;

/** Derives independent values from one random long (SplitMix64 finaliser). */
public final class Randoms {
  private Randoms() {}

  /** A well-mixed value derived from {@code random} and a stream number. */
  public static long derive(long random, int stream) {
    long z = random + 0x9E3779B97F4A7C15L * (stream + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A uniform index in {@code [0, bound)} from a random long. */
  public static int index(long random, int bound) {
    return (int) Long.remainderUnsigned(random, bound);
  }
}
