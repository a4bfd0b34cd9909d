package io.trafficlab.engine.config.yaml;

/**
 * One document of a multi-document stream. {@code root} is null for an empty document (a stream
 * ending with {@code ---}, as {@code kubectl apply} sees it).
 */
public record YamlDocument(String file, int index, YamlNode root, SourcePos start) {}
