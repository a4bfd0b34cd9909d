package io.trafficlab.engine.core.topology;

/** A service port; every port is HTTP in trafficlab. */
public record ServicePort(int number, String name) {}
