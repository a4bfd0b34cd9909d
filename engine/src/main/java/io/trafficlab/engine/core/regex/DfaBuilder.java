package io.trafficlab.engine.core.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Subset construction, eager and budgeted. Code points are first partitioned into classes that
 * every NFA state treats alike (a pattern over ASCII letters and digits has a handful), so a DFA
 * state is one row of {@code classCount} transitions. Every loop is bounded by a budget: the
 * number of DFA states, the table size and the total work, so a pathological pattern such as
 * {@code (a|b)*a(a|b){12}} is declined after a bounded amount of effort instead of exploding.
 */
final class DfaBuilder {

  /** The compiled tables {@link RegexDfa} matches with. State 0 is the dead state. */
  record Tables(int[] intervalStarts, int[] intervalClass, int classCount, int[] next,
      boolean[] accepting, int start) {}

  private final Nfa nfa;
  private final int maxStates;
  private final long maxWork;
  private long work;

  private int[] intervalStarts;
  private int[] intervalClass;
  private int classCount;
  /** For each CHARS state, the classes it consumes. */
  private int[][] classesOf;

  /** Closure scratch: a generation stamp per NFA state and an explicit stack. */
  private final int[] seen;
  private int generation;
  private final int[] stack;

  private DfaBuilder(Nfa nfa, int maxStates, long maxWork) {
    this.nfa = nfa;
    this.maxStates = maxStates;
    this.maxWork = maxWork;
    this.seen = new int[nfa.size];
    this.stack = new int[nfa.size];
  }

  static Tables build(Nfa nfa, int maxStates, int maxTable, long maxWork) throws Unsupported {
    DfaBuilder b = new DfaBuilder(nfa, maxStates, maxWork);
    b.partition();
    return b.determinize(maxTable);
  }

  /**
   * Splits [0, U+10FFFF] at every range boundary of every CHARS state, then merges the intervals
   * no state tells apart into one class.
   */
  private void partition() throws Unsupported {
    TreeSet<Integer> cuts = new TreeSet<>();
    cuts.add(0);
    for (int q = 0; q < nfa.size; q++) {
      if (nfa.kind[q] == Nfa.CHARS) {
        int[] r = nfa.ranges[q];
        for (int i = 0; i < r.length; i += 2) {
          cuts.add(r[i]);
          if (r[i + 1] < CodePoints.MAX) {
            cuts.add(r[i + 1] + 1);
          }
        }
      }
    }
    intervalStarts = cuts.stream().mapToInt(Integer::intValue).toArray();
    int intervals = intervalStarts.length;
    BitSet[] members = new BitSet[intervals];
    for (int k = 0; k < intervals; k++) {
      members[k] = new BitSet();
    }
    for (int q = 0; q < nfa.size; q++) {
      if (nfa.kind[q] == Nfa.CHARS) {
        int[] r = nfa.ranges[q];
        for (int i = 0; i < r.length; i += 2) {
          int from = Arrays.binarySearch(intervalStarts, r[i]);
          int to = r[i + 1] == CodePoints.MAX ? intervals
              : Arrays.binarySearch(intervalStarts, r[i + 1] + 1);
          charge(to - from);
          for (int k = from; k < to; k++) {
            members[k].set(q);
          }
        }
      }
    }
    Map<BitSet, Integer> classIds = new HashMap<>();
    intervalClass = new int[intervals];
    for (int k = 0; k < intervals; k++) {
      intervalClass[k] = classIds.computeIfAbsent(members[k], m -> classIds.size());
    }
    classCount = classIds.size();
    classesOf = new int[nfa.size][];
    for (int q = 0; q < nfa.size; q++) {
      if (nfa.kind[q] == Nfa.CHARS) {
        BitSet classes = new BitSet(classCount);
        for (int k = 0; k < intervals; k++) {
          if (members[k].get(q)) {
            classes.set(intervalClass[k]);
          }
        }
        charge(intervals);
        classesOf[q] = classes.stream().toArray();
      }
    }
  }

  private Tables determinize(int maxTable) throws Unsupported {
    Map<StateKey, Integer> ids = new HashMap<>();
    List<int[]> sets = new ArrayList<>();
    List<int[]> rows = new ArrayList<>();
    StateKey dead = new StateKey(new int[0]);
    ids.put(dead, 0);
    sets.add(dead.states);
    int start = intern(closure(new int[] {nfa.start}, 1), ids, sets, maxTable);

    int[][] buckets = new int[classCount][];
    int[] bucketSize = new int[classCount];
    for (int d = 0; d < sets.size(); d++) { // sets grows while we walk it: breadth first
      int[] set = sets.get(d);
      for (int q : set) {
        if (nfa.kind[q] == Nfa.CHARS) {
          charge(classesOf[q].length);
          for (int c : classesOf[q]) {
            if (buckets[c] == null || bucketSize[c] == buckets[c].length) {
              buckets[c] = Arrays.copyOf(buckets[c] == null ? new int[0] : buckets[c],
                  Math.max(4, bucketSize[c] * 2));
            }
            buckets[c][bucketSize[c]++] = nfa.out[q];
          }
        }
      }
      int[] row = new int[classCount];
      for (int c = 0; c < classCount; c++) {
        row[c] = bucketSize[c] == 0 ? 0
            : intern(closure(buckets[c], bucketSize[c]), ids, sets, maxTable);
        bucketSize[c] = 0;
      }
      rows.add(row);
    }

    // Transitions hold row offsets (state * classCount), saving a multiply per character.
    int[] next = new int[sets.size() * classCount];
    boolean[] accepting = new boolean[sets.size()];
    for (int d = 0; d < sets.size(); d++) {
      int[] row = rows.get(d);
      for (int c = 0; c < classCount; c++) {
        next[d * classCount + c] = row[c] * classCount;
      }
      for (int q : sets.get(d)) {
        accepting[d] |= nfa.kind[q] == Nfa.MATCH;
      }
    }
    return new Tables(intervalStarts, intervalClass, classCount, next, accepting,
        start * classCount);
  }

  private int intern(int[] set, Map<StateKey, Integer> ids, List<int[]> sets, int maxTable)
      throws Unsupported {
    StateKey key = new StateKey(set);
    Integer id = ids.get(key);
    if (id != null) {
      return id;
    }
    if (sets.size() >= maxStates) {
      throw new Unsupported("DFA over budget: more than " + maxStates + " states");
    }
    if ((long) (sets.size() + 1) * classCount > maxTable) {
      throw new Unsupported("DFA over budget: table larger than " + maxTable + " entries");
    }
    ids.put(key, sets.size());
    sets.add(set);
    return sets.size() - 1;
  }

  /** The CHARS and MATCH states reachable by epsilon moves from the seeds, sorted. */
  private int[] closure(int[] seeds, int count) throws Unsupported {
    generation++;
    int top = 0;
    int[] found = new int[Math.min(nfa.size, 16)];
    int n = 0;
    for (int i = 0; i < count; i++) {
      top = push(seeds[i], top);
    }
    int visited = 0;
    while (top > 0) {
      int q = stack[--top];
      visited++;
      if (nfa.kind[q] == Nfa.SPLIT) {
        top = push(nfa.out[q], top);
        top = push(nfa.out2[q], top);
      } else {
        if (n == found.length) {
          found = Arrays.copyOf(found, n * 2);
        }
        found[n++] = q;
      }
    }
    charge(visited + count);
    int[] set = Arrays.copyOf(found, n);
    Arrays.sort(set);
    return set;
  }

  /** Pushes {@code q} unless this closure has seen it (each state is pushed at most once). */
  private int push(int q, int top) {
    if (seen[q] != generation) {
      seen[q] = generation;
      stack[top++] = q;
    }
    return top;
  }

  private void charge(long units) throws Unsupported {
    work += units;
    if (work > maxWork) {
      throw new Unsupported("DFA over budget: more than " + maxWork + " steps to build");
    }
  }

  /** A DFA state's NFA state set, compared by content. */
  private static final class StateKey {
    final int[] states;
    final int hash;

    StateKey(int[] states) {
      this.states = states;
      this.hash = Arrays.hashCode(states);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StateKey && Arrays.equals(states, ((StateKey) o).states);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
