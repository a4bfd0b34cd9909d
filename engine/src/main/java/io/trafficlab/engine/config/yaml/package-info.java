/**
 * YAML text to positioned node trees ({@link io.trafficlab.engine.config.yaml.YamlNode}): the one
 * place that touches snakeyaml-engine. Every input problem becomes a TL00xx diagnostic; limits
 * ({@link io.trafficlab.engine.config.yaml.LoadLimits}) guard against hostile input. Imports the JDK,
 * snakeyaml-engine and config.diag only.
 */
package io.trafficlab.engine.config.yaml;
