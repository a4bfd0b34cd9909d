package io.trafficlab.engine.config.webhook;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.model.Resource;
import java.util.List;

/**
 * Layer 2: Istio's admission validation ({@code ValidateGateway}, {@code ValidateVirtualService},
 * {@code ValidateDestinationRule}) for one resource that passed the schema layer. Errors are what a
 * cluster would reject; warnings are what {@code kubectl apply} prints but accepts.
 *
 * <p>Invariants: diagnostics are only appended (codes TL2xxx, layer webhook), each with the position
 * and path of the offending node and the resource's {@code Kind ns/name}; the validator never throws,
 * whatever the tree holds; Deployments and Services are not checked here.
 */
public final class WebhookValidator {

  /** Appends the webhook findings about {@code resource} to {@code out}. */
  public void validate(Resource resource, List<Diagnostic> out) {
    if (resource == null || out == null) {
      return;
    }
    Findings f = new Findings(resource, out);
    try {
      switch (resource.kind()) {
        case GATEWAY -> new GatewayChecks(f).check(resource);
        case VIRTUAL_SERVICE -> new VirtualServiceChecks(f).check(resource);
        case DESTINATION_RULE -> new DestinationRuleChecks(f).check(resource);
        default -> {
          // Deployments and Services have no Istio admission rules.
        }
      }
    } catch (RuntimeException | StackOverflowError e) {
      // A defect in a check must not turn into a stack trace in front of a learner; the findings so
      // far stay, and this warning says the list may be incomplete.
      f.at(resource.spec(), DiagnosticCode.TL2999,
          "the other validation layers still ran; please report this input to the trafficlab authors",
          e.getClass().getSimpleName());
    }
  }
}
