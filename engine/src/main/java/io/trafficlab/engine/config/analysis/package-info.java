/**
 * Layer 3 of validation: istioctl analyze-style cross-resource checks (IST0xxx codes where Istio has
 * one, TL3xxx for our own findings), and the topology that Deployment/Service documents add.
 *
 * <p>Reads the positioned YAML trees of {@code config.model.Resource}s defensively: a document that
 * reaches this layer passed the schema layer but may still carry webhook errors, so every accessor
 * ({@code config.yaml.YamlReads}) tolerates missing or mistyped fields and nothing here throws on odd input. May import
 * {@code config.yaml}, {@code config.model}, {@code config.diag}, {@code config.delegation} and
 * {@code core.topology}.
 */
package io.trafficlab.engine.config.analysis;
