package io.trafficlab.engine.cases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-made observations for judge tests: {@code Obs.pod("reviews", "v2").status(200).build()}. */
final class Obs {
  int status = 200;
  List<String> flags = new ArrayList<>();
  String body = "";
  Map<String, String> responseHeaders = new HashMap<>();
  boolean reached = true;
  String service = "reviews";
  String namespace = "default";
  String subset;
  String version = "v1";
  String path = "/";
  String authority = "reviews";
  Map<String, String> headers = new HashMap<>();
  int attempts = 1;
  List<Observation.Mirror> mirrors = new ArrayList<>();
  double latency = 1.0;
  String route = "VirtualService default/reviews http[0] → reviews.default";

  static Obs pod(String service, String version) {
    Obs o = new Obs();
    o.service = service;
    o.version = version;
    o.subset = version;
    return o;
  }

  /** A local reply: no pod reached. */
  static Obs local(int status, String flag) {
    Obs o = new Obs();
    o.reached = false;
    o.status = status;
    o.flags.add(flag);
    o.attempts = 0;
    return o;
  }

  Obs status(int s) {
    status = s;
    return this;
  }

  Obs flag(String f) {
    flags.add(f);
    return this;
  }

  Obs subset(String s) {
    subset = s;
    return this;
  }

  Obs body(String b) {
    body = b;
    return this;
  }

  Obs responseHeader(String k, String v) {
    responseHeaders.put(k, v);
    return this;
  }

  Obs requestHeader(String k, String v) {
    headers.put(k, v);
    return this;
  }

  Obs path(String p) {
    path = p;
    return this;
  }

  Obs latency(double ms) {
    latency = ms;
    return this;
  }

  Obs attempts(int n) {
    attempts = n;
    return this;
  }

  Obs route(String r) {
    route = r;
    return this;
  }

  Obs mirror(String svc, String sub) {
    mirrors.add(new Observation.Mirror(svc, "default", sub, svc + "-" + sub + "-0", path));
    return this;
  }

  Observation build() {
    Observation.Upstream up = reached
        ? new Observation.Upstream(service, namespace, subset, service + "-" + version + "-0",
            Map.of("app", service, "version", version), path, authority, headers)
        : null;
    return new Observation(status, flags, body, responseHeaders, up, attempts, mirrors, latency,
        reached ? route : "");
  }

  static List<Observation> copies(int n, Obs o) {
    List<Observation> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(o.build());
    }
    return l;
  }
}
