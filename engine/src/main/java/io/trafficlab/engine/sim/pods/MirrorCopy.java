package io.trafficlab.engine.sim.pods;

/** A mirrored request a pod received (its response went nowhere). */
public record MirrorCopy(String method, String path, String authority) {}
