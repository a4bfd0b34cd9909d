package io.trafficlab.engine.cases;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unmodifiable copies that keep the order the case file wrote (verdicts follow that order). */
final class Ordered {
  private Ordered() {}

  static <K, V> Map<K, V> copy(Map<K, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
