/**
 * Layer 2 of validation: the semantic checks Istio's admission webhook (and {@code istioctl
 * validate}) runs on a Gateway, VirtualService or DestinationRule that already passed the CRD schema
 * (istio-semantics.md §1, §4-§6, §10). The rules follow istio/istio
 * {@code pkg/config/validation/validation.go}, {@code virtualservice.go} and
 * {@code agent/validation.go}; messages keep Istio's wording so learners can search for them.
 *
 * <p>Only {@link io.trafficlab.engine.config.webhook.WebhookValidator} is public. Everything reads the
 * positioned YAML tree defensively (a field of an unexpected type is skipped, never thrown on), so the
 * layer works even when the schema layer let something through (readers: config.yaml.YamlReads).
 * Imports: config.yaml, config.value, config.diag, config.model, core.topology (host-name rules)
 * and re2j; nothing else.
 */
package io.trafficlab.engine.config.webhook;
