package io.trafficlab.engine.config.yaml;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** A YAML sequence. */
public final class YamlSeq implements YamlNode, Iterable<YamlNode> {
  private final List<YamlNode> items;
  private final SourcePos pos;
  private final String path;

  public YamlSeq(List<YamlNode> items, SourcePos pos, String path) {
    this.items = List.copyOf(items);
    this.pos = Objects.requireNonNull(pos, "pos");
    this.path = Objects.requireNonNull(path, "path");
  }

  public List<YamlNode> items() {
    return items;
  }

  public int size() {
    return items.size();
  }

  public YamlNode get(int i) {
    return items.get(i);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  @Override
  public Iterator<YamlNode> iterator() {
    return items.iterator();
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
    return "list";
  }
}
