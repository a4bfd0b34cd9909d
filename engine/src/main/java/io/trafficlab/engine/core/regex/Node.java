package io.trafficlab.engine.core.regex;

import java.util.List;

/**
 * The parsed pattern, reduced to what a boolean full match needs: no captures, no anchors (the
 * parser only accepts the redundant ones), no greediness.
 */
sealed interface Node {

  /** Matches the empty string. */
  Node EMPTY = new Concat(List.of());

  /** One code point from a normalized {@link CodePoints} set. */
  record Chars(int[] ranges) implements Node {}

  record Concat(List<Node> items) implements Node {}

  record Alternate(List<Node> choices) implements Node {}

  /** {@code item{min,max}}; {@code max} is -1 when unbounded. */
  record Repeat(Node item, int min, int max) implements Node {}
}
