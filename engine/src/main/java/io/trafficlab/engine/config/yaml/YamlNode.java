package io.trafficlab.engine.config.yaml;

/**
 * A YAML node with its source position and its path from the document root
 * ({@code spec.http[0].route[1].destination}). Aliases are already expanded, so the tree is a
 * plain tree. Nodes are immutable once loaded.
 */
public sealed interface YamlNode permits YamlMap, YamlSeq, YamlScalar {

  /** Where the node starts in its file. */
  SourcePos pos();

  /** Path from the document root, in the {@code a.b[0].c} form used by diagnostics; "" for the root. */
  String path();

  /** A short human name of the node's shape, for messages: "mapping", "list", "string", ... */
  String kindName();

  default boolean isMap() {
    return this instanceof YamlMap;
  }

  default boolean isSeq() {
    return this instanceof YamlSeq;
  }

  default boolean isScalar() {
    return this instanceof YamlScalar;
  }

  /** Joins a parent path and a key the way diagnostics print paths. */
  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }
}
