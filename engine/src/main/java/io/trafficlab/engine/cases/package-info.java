/**
 * The case format (DESIGN §5, istio-semantics §11): one YAML file with Istio config, a topology,
 * requests with expectations, a traffic distribution and validation expectations.
 * {@link io.trafficlab.engine.cases.CaseLoader} reads a case file into immutable records and reports
 * every mistake as a positioned TL4xxx diagnostic; {@link io.trafficlab.engine.cases.CaseJudge} is
 * the pure judge of observations against expectations. Imports config.yaml, config.diag and
 * core.topology; never the data plane (the runner that produces observations lives elsewhere).
 */
package io.trafficlab.engine.cases;
