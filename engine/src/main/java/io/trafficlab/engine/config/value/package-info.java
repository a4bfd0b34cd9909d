/**
 * Value syntaxes of Istio config shared by every stage that reads it (schema, webhook, compiler):
 * one parser per syntax, so that the layers cannot disagree about what a value means. Imports the
 * JDK only.
 */
package io.trafficlab.engine.config.value;
