package io.trafficlab.engine.config.webhook;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.model.Resource;
import java.util.List;

/** Layer 2: Istio's admission validation. PLACEHOLDER. */
public final class WebhookValidator {
  public void validate(Resource resource, List<Diagnostic> out) {}
}
