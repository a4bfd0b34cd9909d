package io.trafficlab.labs.grade;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trafficlab.engine.cases.Observation;
import io.trafficlab.engine.cases.ObservationJson;
import io.trafficlab.engine.config.diag.DiagnosticJson;

/**
 * The grade report's JSON form (DESIGN §4, CONTRACT; extended with misconceptions, timing and, per
 * check with a distribution block, its full counts: see docs/contracts.md).
 */
public final class ReportJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportJson() {}

  public static ObjectNode toJson(GradeReport r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("exercise", r.exercise());
    n.put("status", r.status().wireName());
    n.put("score", r.score());
    n.put("maxScore", r.maxScore());
    if (!r.message().isEmpty()) {
      n.put("message", r.message());
    }
    n.set("diagnostics", DiagnosticJson.toJson(r.diagnostics()));
    ArrayNode checks = n.putArray("checks");
    for (CheckResult c : r.checks()) {
      ObjectNode cn = checks.addObject();
      cn.put("id", c.id());
      cn.put("task", c.task());
      cn.put("title", c.title());
      cn.put("status", c.status().wireName());
      cn.put("points", c.points());
      cn.put("maxPoints", c.maxPoints());
      cn.put("message", c.message());
      cn.put("hint", c.hint());
      ArrayNode traces = cn.putArray("traces");
      for (Observation o : c.traces()) {
        traces.add(ObservationJson.toJson(o));
      }
      c.distribution().ifPresent(d -> {
        ObjectNode dn = cn.putObject("distribution");
        dn.put("by", d.by());
        dn.put("requests", d.requests());
        ObjectNode counts = dn.putObject("counts");
        d.counts().forEach(counts::put);
        ObjectNode expect = dn.putObject("expect");
        d.expect().forEach(expect::put);
        dn.put("tolerance", d.tolerance());
      });
    }
    ArrayNode mis = n.putArray("misconceptions");
    for (GradeReport.MisconceptionHit m : r.misconceptions()) {
      mis.addObject().put("id", m.id()).put("title", m.title()).put("feedback", m.feedback());
    }
    n.put("variant", r.variant());
    n.put("durationMs", Math.round(r.durationMs() * 10) / 10.0);
    return n;
  }
}
