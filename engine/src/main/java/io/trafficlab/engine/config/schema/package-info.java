/**
 * Validation layer 1, the schema: document shape, kinds and apiVersions, Kubernetes metadata, and
 * the structural schema of every message of the Istio networking API (Gateway, VirtualService,
 * DestinationRule, as in istio/api's CRDs) plus the parts of apps/v1 Deployment and v1 Service that
 * trafficlab models.
 *
 * <p>The schema is data: {@link io.trafficlab.engine.config.schema.IstioSchema} and
 * {@link io.trafficlab.engine.config.schema.KubeSchema} describe types with the small DSL in
 * {@link io.trafficlab.engine.config.schema.Type}; one generic walker
 * ({@link io.trafficlab.engine.config.schema.SchemaChecker}) checks any YAML tree against them.
 * "Did you mean" knowledge lives in {@link io.trafficlab.engine.config.schema.DidYouMean} (hint
 * logic), {@link io.trafficlab.engine.config.schema.FieldHints} (the table of fields that do not
 * exist) and {@link io.trafficlab.engine.config.schema.Similar} (edit distance).
 *
 * <p>Imports: JDK, {@code config.yaml}, {@code config.value}, {@code config.diag}, {@code config.model}. Nothing here knows
 * Istio semantics beyond the CRD (weights, retryOn values, host rules are layer 2, the webhook).
 */
package io.trafficlab.engine.config.schema;
