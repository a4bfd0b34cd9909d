package io.trafficlab.engine.dataplane.http;

import java.util.ArrayList;
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

  private final List<Entry> entries;

  private Headers(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static Headers of(List<Entry> entries) {
    return entries.isEmpty() ? EMPTY : new Headers(entries);
  }

  /** Headers from a map in its iteration order. */
  public static Headers of(Map<String, String> map) {
    List<Entry> list = new ArrayList<>(map.size());
    map.forEach((k, v) -> list.add(new Entry(k, v)));
    return of(list);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The first value of {@code name} (case-insensitive), or null. */
  public String get(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Entry e : entries) {
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

  /** Replaces every value of {@code name} by one value (Istio {@code set}). */
  public Headers set(String name, String value) {
    List<Entry> list = new ArrayList<>(without(name).entries);
    list.add(new Entry(name, value));
    return new Headers(list);
  }

  /** Appends a value (Istio {@code add}). */
  public Headers add(String name, String value) {
    List<Entry> list = new ArrayList<>(entries);
    list.add(new Entry(name, value));
    return new Headers(list);
  }

  public Headers without(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return new Headers(entries.stream().filter(e -> !e.name().equals(n)).toList());
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
