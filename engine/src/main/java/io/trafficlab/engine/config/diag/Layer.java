package io.trafficlab.engine.config.diag;

import java.util.Locale;

/**
 * Which validation layer reported a diagnostic (istio-semantics §1). Input problems (YAML syntax,
 * limits) count as {@link #SCHEMA}: a cluster would reject them before admission.
 */
public enum Layer {
  SCHEMA,
  WEBHOOK,
  ANALYSIS;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
