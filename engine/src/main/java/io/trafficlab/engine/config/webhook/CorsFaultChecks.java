package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.value.GoDuration;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import java.time.Duration;
import java.util.Set;

/** Istio's {@code validateCORSPolicy} and {@code validateHTTPFaultInjection} for one http rule. */
final class CorsFaultChecks {
  private static final Set<String> CORS_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE", "*");
  private static final Set<String> GRPC_STATUSES = Set.of("OK", "CANCELLED", "UNKNOWN",
      "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
      "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
      "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED");

  private final Findings f;
  private final CommonChecks common;

  CorsFaultChecks(Findings f, CommonChecks common) {
    this.f = f;
    this.common = common;
  }

  // ---- CORS ----

  void cors(YamlMap cors) {
    for (YamlNode o : YamlReads.list(cors, "allowOrigins")) {
      if (!(o instanceof YamlMap sm)) {
        continue;
      }
      String v = YamlReads.has(sm, "exact") ? YamlReads.str(sm, "exact")
          : YamlReads.has(sm, "prefix") ? YamlReads.str(sm, "prefix") : YamlReads.str(sm, "regex");
      if (v.isEmpty()) {
        f.at(sm, DiagnosticCode.TL2244, "write an origin, e.g. {exact: \"https://example.com\"}", "'" + v + "'");
        continue;
      }
      YamlReads.scalar(sm, "regex").ifPresent(r -> common.regex(r, r.value(), "corsPolicy.allowOrigins"));
    }
    for (YamlScalar method : YamlReads.scalars(cors, "allowMethods")) {
      if (!CORS_METHODS.contains(method.value())) {
        f.at(method, DiagnosticCode.TL2245,
            "use upper-case method names: GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE or *",
            q(method.value()));
      }
    }
    for (String field : new String[] {"allowHeaders", "exposeHeaders"}) {
      for (YamlScalar h : YamlReads.scalars(cors, field)) {
        if (h.value().isEmpty()) {
          f.at(h, DiagnosticCode.TL2012, "write the header name, e.g. x-request-id");
        } else if (!h.value().equals("*") && !CommonChecks.validHeaderName(h.value())) {
          f.at(h, DiagnosticCode.TL2013, "header names are letters, digits and !#$%&'*+-.^_`|~", h.value());
        }
      }
    }
    common.duration(cors, "maxAge");
    YamlReads.scalar(cors, "maxAge").flatMap(s -> GoDuration.value(s.value().trim()))
        .map(Duration::toNanos).ifPresent(n -> {
          if (n >= CommonChecks.NANOS_PER_MILLI && n % 1_000_000_000L != 0) {
            f.value(cors, "maxAge", DiagnosticCode.TL2246, "use whole seconds, e.g. maxAge: 24h or 600s");
          }
        });
  }

  // ---- fault ----

  void fault(YamlMap fault) {
    boolean abort = YamlReads.has(fault, "abort");
    boolean delay = YamlReads.has(fault, "delay");
    if (!abort && !delay) {
      f.at(fault, DiagnosticCode.TL2233,
          "add delay: {fixedDelay: 5s, percentage: {value: 100}} or abort: {httpStatus: 500, "
              + "percentage: {value: 100}}");
    }
    YamlReads.map(fault, "abort").ifPresent(a -> {
      common.percentage(a, "percentage");
      if (YamlReads.has(a, "httpStatus")) {
        YamlReads.integer(a, "httpStatus").ifPresent(s -> {
          if (s < 200 || s > 600) {
            f.value(a, "httpStatus", DiagnosticCode.TL2219, "use an HTTP status code such as 503 or 500", s);
          }
        });
      } else if (YamlReads.has(a, "grpcStatus")) {
        String g = YamlReads.str(a, "grpcStatus");
        if (!GRPC_STATUSES.contains(g)) {
          f.value(a, "grpcStatus", DiagnosticCode.TL2236, "use a gRPC status name such as UNAVAILABLE", q(g));
        }
      } else if (YamlReads.has(a, "http2Error")) {
        f.key(a, "http2Error", DiagnosticCode.TL2234, "use httpStatus instead, e.g. httpStatus: 503");
      } else {
        f.at(a, DiagnosticCode.TL2235, "set httpStatus (e.g. 503) or grpcStatus (e.g. UNAVAILABLE)");
      }
    });
    YamlReads.map(fault, "delay").ifPresent(d -> {
      common.percentage(d, "percentage");
      common.duration(d, "fixedDelay");
      if (YamlReads.has(d, "exponentialDelay")) {
        common.duration(d, "exponentialDelay");
        f.key(d, "exponentialDelay", DiagnosticCode.TL2237, "use fixedDelay, e.g. fixedDelay: 5s");
      }
    });
  }
}
