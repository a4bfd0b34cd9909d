/**
 * VirtualService delegation as Istio's control plane resolves it (pilot's
 * {@code mergeVirtualServicesIfNeeded}): a root VirtualService's {@code http[]} rule with
 * {@code delegate} is replaced by the rules of the delegate VirtualService (one without hosts),
 * each merged with the root rule. The result is the list of effective http rules that routing is
 * built from ({@link io.trafficlab.engine.config.delegation.HttpRule}) and the reasons a reference
 * or a delegate rule was dropped, which analysis turns into diagnostics.
 *
 * <p>Pure and deterministic, JDK only. Reads the positioned YAML trees of
 * {@code config.model.Resource}s defensively and never throws on odd input. May import
 * {@code config.yaml}, {@code config.model} and {@code core.topology}; used by {@code config.compile}
 * and {@code config.analysis}.
 */
package io.trafficlab.engine.config.delegation;
