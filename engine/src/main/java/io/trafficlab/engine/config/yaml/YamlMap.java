package io.trafficlab.engine.config.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A YAML mapping with string keys, in source order. Keys keep their own positions.
 *
 * <p>Lookups by a camelCase name also find the field written with its proto (snake_case) name
 * ({@code get("queryParams")} finds {@code query_params}): Istio decodes specs with protojson, which
 * accepts both, and the schema check accepts both, so every reader must see both. The name as
 * asked wins when a map has the two spellings.
 */
public final class YamlMap implements YamlNode {

  /** One key with its value; the key's position is where diagnostics about the key point. */
  public record Entry(YamlScalar key, YamlNode value) {
    public String name() {
      return key.value();
    }
  }

  private final Map<String, Entry> entries;
  private final SourcePos pos;
  private final String path;

  public YamlMap(List<Entry> entries, SourcePos pos, String path) {
    LinkedHashMap<String, Entry> m = new LinkedHashMap<>();
    for (Entry e : entries) {
      m.putIfAbsent(e.name(), e);
    }
    this.entries = Collections.unmodifiableMap(m);
    this.pos = Objects.requireNonNull(pos, "pos");
    this.path = Objects.requireNonNull(path, "path");
  }

  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  public boolean has(String key) {
    return lookup(key) != null;
  }

  /** The value under {@code key} (or its snake_case spelling), or null. */
  public YamlNode get(String key) {
    Entry e = lookup(key);
    return e == null ? null : e.value();
  }

  public Optional<Entry> entry(String key) {
    return Optional.ofNullable(lookup(key));
  }

  private Entry lookup(String key) {
    Entry e = entries.get(key);
    if (e != null || entries.isEmpty()) {
      return e;
    }
    String snake = snakeCase(key);
    return snake == null ? null : entries.get(snake);
  }

  /** {@code queryParams} → {@code query_params}; null when {@code camel} has no upper-case letter. */
  static String snakeCase(String camel) {
    StringBuilder b = null;
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (c >= 'A' && c <= 'Z' && i > 0) {
        if (b == null) {
          b = new StringBuilder(camel.length() + 4).append(camel, 0, i);
        }
        b.append('_').append((char) (c + ('a' - 'A')));
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? null : b.toString();
  }

  /** The value under {@code key} if it is a mapping. */
  public Optional<YamlMap> map(String key) {
    return get(key) instanceof YamlMap m ? Optional.of(m) : Optional.empty();
  }

  /** The value under {@code key} if it is a sequence. */
  public Optional<YamlSeq> seq(String key) {
    return get(key) instanceof YamlSeq s ? Optional.of(s) : Optional.empty();
  }

  /** The value under {@code key} if it is a non-null scalar. */
  public Optional<YamlScalar> scalar(String key) {
    return get(key) instanceof YamlScalar s && !s.isNull() ? Optional.of(s) : Optional.empty();
  }

  /** The text of the scalar under {@code key}. */
  public Optional<String> string(String key) {
    return scalar(key).map(YamlScalar::value);
  }

  public int size() {
    return entries.size();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public SourcePos pos() {
    return pos;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String kindName() {
    return "mapping";
  }
}
