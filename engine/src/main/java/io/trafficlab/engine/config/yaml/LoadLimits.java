package io.trafficlab.engine.config.yaml;

/**
 * Input limits checked before and while parsing (DESIGN §8). The defaults fit any real Istio
 * configuration with a wide margin.
 *
 * @param maxBytes     size of one input, checked before parsing (256 KiB by default)
 * @param maxDocuments documents per file
 * @param maxDepth     nesting of mappings and lists
 * @param maxScalar    characters in one scalar
 * @param maxNodes     nodes in one file after alias expansion (the alias-bomb guard)
 */
public record LoadLimits(int maxBytes, int maxDocuments, int maxDepth, int maxScalar, int maxNodes) {

  public static final LoadLimits DEFAULT = new LoadLimits(256 * 1024, 200, 64, 64 * 1024, 100_000);

  public LoadLimits {
    if (maxBytes <= 0 || maxDocuments <= 0 || maxDepth <= 0 || maxScalar <= 0 || maxNodes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public LoadLimits withMaxBytes(int bytes) {
    return new LoadLimits(bytes, maxDocuments, maxDepth, maxScalar, maxNodes);
  }
}
