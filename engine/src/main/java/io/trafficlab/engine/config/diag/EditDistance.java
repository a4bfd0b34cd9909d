package io.trafficlab.engine.config.diag;

/**
 * Edit distances behind every "did you mean" hint (schema fields, retryOn policies, case-file and
 * pack keys), so that suggestions are computed one way. Callers normalise (case, separators) before
 * comparing. Memory is O(|b|) for Levenshtein and O(|a|·|b|) with transpositions: callers bound the
 * input lengths.
 */
public final class EditDistance {
  private EditDistance() {}

  /** Levenshtein distance: insertions, deletions and substitutions. */
  public static int levenshtein(String a, String b) {
    return levenshtein(a, b, Integer.MAX_VALUE - 1);
  }

  /** Levenshtein distance, giving up (returning {@code max + 1}) once it is certainly above it. */
  public static int levenshtein(String a, String b, int max) {
    if (Math.abs(a.length() - b.length()) > max) {
      return max + 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * Optimal string alignment distance: Levenshtein plus swaps of two adjacent characters
   * ({@code hsots} is one edit from {@code hosts}).
   */
  public static int withTranspositions(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
