package io.trafficlab.engine.core.regex;

import java.util.Arrays;

/**
 * A Thompson NFA over code points: each state either consumes one code point from a set, splits
 * into two epsilon moves, or accepts. Built back to front, so every fragment is compiled knowing
 * its continuation and no patch lists are needed.
 */
final class Nfa {

  static final int CHARS = 0;
  static final int SPLIT = 1;
  static final int MATCH = 2;

  final int[] kind;
  /** CHARS: the next state; SPLIT: the first branch. */
  final int[] out;
  /** SPLIT: the second branch. */
  final int[] out2;
  /** CHARS: the normalized set consumed. */
  final int[][] ranges;
  final int size;
  final int start;

  private Nfa(Builder b, int start) {
    this.size = b.size;
    this.kind = Arrays.copyOf(b.kind, size);
    this.out = Arrays.copyOf(b.out, size);
    this.out2 = Arrays.copyOf(b.out2, size);
    this.ranges = Arrays.copyOf(b.ranges, size);
    this.start = start;
  }

  /**
   * Compiles {@code node}; counted repetitions are unrolled, so the size is checked against
   * {@code maxStates} before anything is built ({@code (a{1000}){1000}} is a million states).
   */
  static Nfa compile(Node node, int maxStates) throws Unsupported {
    long estimate = sizeOf(node) + 1;
    if (estimate > maxStates) {
      throw new Unsupported("NFA over budget: ~" + estimate + " states > " + maxStates);
    }
    Builder b = new Builder((int) estimate);
    int match = b.add(MATCH, -1, -1, null);
    return new Nfa(b, b.compile(node, match));
  }

  /** An upper bound on the states {@link Builder#compile} adds, saturating well below overflow. */
  static long sizeOf(Node node) {
    long size;
    if (node instanceof Node.Chars) {
      size = 1;
    } else if (node instanceof Node.Concat) {
      size = 0;
      for (Node item : ((Node.Concat) node).items()) {
        size += sizeOf(item);
      }
    } else if (node instanceof Node.Alternate) {
      size = ((Node.Alternate) node).choices().size();
      for (Node choice : ((Node.Alternate) node).choices()) {
        size += sizeOf(choice);
      }
    } else {
      Node.Repeat r = (Node.Repeat) node;
      long copies = r.max() < 0 ? Math.max(r.min(), 1) : r.max();
      size = (sizeOf(r.item()) + 1) * copies + 1;
    }
    return Math.min(size, 1L << 40);
  }

  private static final class Builder {
    int[] kind;
    int[] out;
    int[] out2;
    int[][] ranges;
    int size;

    Builder(int capacity) {
      kind = new int[capacity];
      out = new int[capacity];
      out2 = new int[capacity];
      ranges = new int[capacity][];
    }

    int add(int k, int o, int o2, int[] r) {
      kind[size] = k;
      out[size] = o;
      out2[size] = o2;
      ranges[size] = r;
      return size++;
    }

    /** Adds states matching {@code node} then continuing at {@code next}; returns the entry. */
    int compile(Node node, int next) {
      if (node instanceof Node.Chars) {
        return add(CHARS, next, -1, ((Node.Chars) node).ranges());
      }
      if (node instanceof Node.Concat) {
        var items = ((Node.Concat) node).items();
        for (int i = items.size() - 1; i >= 0; i--) {
          next = compile(items.get(i), next);
        }
        return next;
      }
      if (node instanceof Node.Alternate) {
        var choices = ((Node.Alternate) node).choices();
        int entry = compile(choices.get(choices.size() - 1), next);
        for (int i = choices.size() - 2; i >= 0; i--) {
          entry = add(SPLIT, compile(choices.get(i), next), entry, null);
        }
        return entry;
      }
      Node.Repeat r = (Node.Repeat) node;
      int entry;
      if (r.max() < 0) {
        // x{n,} = x^(n-1) x+, with x* when n is 0: one loop, then the mandatory copies.
        int loop = add(SPLIT, -1, next, null);
        int body = compile(r.item(), loop);
        out[loop] = body;
        entry = r.min() == 0 ? loop : body;
        for (int i = 1; i < r.min(); i++) {
          entry = compile(r.item(), entry);
        }
      } else {
        // x{n,m} = x^n (x(x(...)?)?)?: optional copies nest, so every exit goes straight to next.
        entry = next;
        for (int i = r.min(); i < r.max(); i++) {
          entry = add(SPLIT, compile(r.item(), entry), next, null);
        }
        for (int i = 0; i < r.min(); i++) {
          entry = compile(r.item(), entry);
        }
      }
      return entry;
    }
  }
}
