/**
 * Diagnostics, the one shape every validation layer reports user mistakes in (DESIGN §4, CONTRACT):
 * {@link io.trafficlab.engine.config.diag.Diagnostic}, the ordered code catalogue
 * {@link io.trafficlab.engine.config.diag.DiagnosticCode}, their JSON form
 * ({@link io.trafficlab.engine.config.diag.DiagnosticJson}) and the edit distance behind "did you
 * mean" hints ({@link io.trafficlab.engine.config.diag.EditDistance}). Imports the JDK,
 * {@code config.yaml} (positions) and Jackson's tree model only.
 */
package io.trafficlab.engine.config.diag;
