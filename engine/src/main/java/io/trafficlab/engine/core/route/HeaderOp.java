package io.trafficlab.engine.core.route;

import java.util.Objects;

/**
 * One header operation of a route ({@code headers.request|response.set|add|remove}). Lists of
 * operations are applied in order: per level removals, then sets, then adds (Envoy removes before it
 * adds); the rule's level comes before the destination's.
 *
 * @param name lower-case header name
 * @param value null for {@link Kind#REMOVE}
 */
public record HeaderOp(Kind kind, String name, String value) {

  /** SET overwrites (or adds), ADD appends a value, REMOVE deletes every value. */
  public enum Kind { SET, ADD, REMOVE }

  public HeaderOp {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static HeaderOp set(String name, String value) {
    return new HeaderOp(Kind.SET, name, value);
  }

  public static HeaderOp add(String name, String value) {
    return new HeaderOp(Kind.ADD, name, value);
  }

  public static HeaderOp remove(String name) {
    return new HeaderOp(Kind.REMOVE, name, null);
  }
}
