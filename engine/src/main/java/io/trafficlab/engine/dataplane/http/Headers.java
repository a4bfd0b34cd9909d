package io.trafficlab.engine.dataplane.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable, ordered HTTP header list with lower-case names (Envoy and Istio treat header names
 * case-insensitively and show them lower-case). Several entries may share a name.
 */
public final class Headers {
  public static final Headers EMPTY = new Headers(List.of());

  /** One header line; {@code name} is lower-case. */
  public record Entry(String name, String value) {
    public Entry {
      name = name.toLowerCase(Locale.ROOT);
      Objects.requireNonNull(value, "value");
    }
  }

  /** Immutable: either a copy of a caller's list or a list only this object holds. */
  private final List<Entry> entries;

  private Headers(List<Entry> entries) {
    this.entries = entries;
  }

  public static Headers of(List<Entry> entries) {
    return entries.isEmpty() ? EMPTY : new Headers(List.copyOf(entries));
  }

  /** Headers from a map in its iteration order. */
  public static Headers of(Map<String, String> map) {
    Builder b = builder(map.size());
    map.forEach(b::add);
    return b.build();
  }

  /** A builder for about {@code expected} entries (hot paths build headers without copying). */
  public static Builder builder(int expected) {
    return new Builder(expected);
  }

  /** Collects entries in order; {@link #build} hands them over (the builder is then spent). */
  public static final class Builder {
    private ArrayList<Entry> list;

    private Builder(int expected) {
      this.list = new ArrayList<>(Math.max(0, expected));
    }

    public Builder add(String name, String value) {
      return add(new Entry(name, value));
    }

    public Builder add(Entry e) {
      list.add(Objects.requireNonNull(e, "entry"));
      return this;
    }

    public Headers build() {
      List<Entry> l = list;
      list = null;
      return l.isEmpty() ? EMPTY : new Headers(Collections.unmodifiableList(l));
    }
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The first value of {@code name} (case-insensitive), or null. */
  public String get(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (int i = 0, size = entries.size(); i < size; i++) {
      Entry e = entries.get(i);
      if (e.name().equals(n)) {
        return e.value();
      }
    }
    return null;
  }

  public List<String> getAll(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return entries.stream().filter(e -> e.name().equals(n)).map(Entry::value).toList();
  }

  public boolean contains(String name) {
    return get(name) != null;
  }

  /** Replaces every value of {@code name} by one value at the end (Istio {@code set}). */
  public Headers set(String name, String value) {
    Entry added = new Entry(name, value);
    Builder b = new Builder(entries.size() + 1);
    for (int i = 0, size = entries.size(); i < size; i++) {
      Entry e = entries.get(i);
      if (!e.name().equals(added.name())) {
        b.add(e);
      }
    }
    return b.add(added).build();
  }

  /** Appends a value (Istio {@code add}). */
  public Headers add(String name, String value) {
    Builder b = new Builder(entries.size() + 1);
    b.list.addAll(entries);
    return b.add(name, value).build();
  }

  public Headers without(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    Builder b = null;
    for (int i = 0, size = entries.size(); i < size; i++) {
      Entry e = entries.get(i);
      if (e.name().equals(n)) {
        if (b == null) {
          b = new Builder(size);
          b.list.addAll(entries.subList(0, i));
        }
      } else if (b != null) {
        b.add(e);
      }
    }
    return b == null ? this : b.build();
  }

  /** Name → value, several values of one name joined with {@code ","} (as Envoy does). */
  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (Entry e : entries) {
      map.merge(e.name(), e.value(), (a, b) -> a + "," + b);
    }
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers h && h.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
