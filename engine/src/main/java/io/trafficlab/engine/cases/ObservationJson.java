package io.trafficlab.engine.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** Writes an {@link Observation} in the JSON shape of DESIGN §4 (CONTRACT). */
public final class ObservationJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ObservationJson() {}

  public static ObjectNode toJson(Observation o) {
    ObjectNode n = JSON.createObjectNode();
    n.put("status", o.status());
    ArrayNode flags = n.putArray("responseFlags");
    o.responseFlags().forEach(flags::add);
    n.put("body", o.body());
    putMap(n.putObject("responseHeaders"), o.responseHeaders());
    if (o.upstream() == null) {
      n.putNull("upstream");
    } else {
      Observation.Upstream u = o.upstream();
      ObjectNode un = n.putObject("upstream");
      un.put("service", u.service());
      un.put("namespace", u.namespace());
      if (u.subset() == null) {
        un.putNull("subset");
      } else {
        un.put("subset", u.subset());
      }
      un.put("pod", u.pod());
      putMap(un.putObject("podLabels"), u.podLabels());
      un.put("path", u.path());
      un.put("authority", u.authority());
      putMap(un.putObject("headers"), u.headers());
    }
    n.put("upstreamAttempts", o.upstreamAttempts());
    ArrayNode mirrors = n.putArray("mirroredTo");
    for (Observation.Mirror m : o.mirroredTo()) {
      ObjectNode mn = mirrors.addObject();
      mn.put("service", m.service());
      mn.put("namespace", m.namespace());
      if (m.subset() == null) {
        mn.putNull("subset");
      } else {
        mn.put("subset", m.subset());
      }
      mn.put("pod", m.pod());
      mn.put("path", m.path());
    }
    n.put("latencyMs", Math.round(o.latencyMs() * 10) / 10.0);
    n.put("route", o.route());
    return n;
  }

  private static void putMap(ObjectNode target, Map<String, String> values) {
    new TreeMap<>(values).forEach(target::put);
  }
}
