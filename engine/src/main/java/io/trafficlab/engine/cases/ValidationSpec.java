package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code validation} block: what a correct validator says about the case's config. Each entry
 * of {@code errorContains} / {@code warningContains} is a needle matched against an error's (or
 * warning's) code, message, path or hint, ignoring case, spaces, '-' and '_'; {@code a|b} means
 * either. {@code didYouMean} entries must appear in some diagnostic's message or hint.
 *
 * @param layer      {@code schema}, {@code webhook} or {@code analysis}; null when not set
 * @param positions  where each key or list item is written ({@code valid}, {@code errorContains[0]})
 */
public record ValidationSpec(SourcePos pos, boolean valid, String layer, List<String> errorContains,
    List<String> warningContains, List<String> didYouMean, Map<String, SourcePos> positions) {

  public ValidationSpec {
    errorContains = List.copyOf(errorContains);
    warningContains = List.copyOf(warningContains);
    didYouMean = List.copyOf(didYouMean);
    positions = Map.copyOf(positions);
  }

  public Optional<SourcePos> pos(String key) {
    return Optional.ofNullable(positions.get(key));
  }
}
