package io.trafficlab.engine.config.schema;

import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "fields that do not exist" of istio-semantics §8 and their kin: for a message type and a key
 * written in it, the sentence that says what the author meant. Keys are compared without case,
 * '_' and '-'. Also the rewrite of a {@code circuitBreaker} block into connectionPool and
 * outlierDetection, built from what was written.
 */
final class FieldHints {

  private FieldHints() {}

  // ---- the table: type name -> written key (normalized) -> hint ----

  private static final Map<String, Map<String, String>> UNKNOWN = new LinkedHashMap<>();

  private static void t(String type, String hint, String... keys) {
    Map<String, String> m = UNKNOWN.computeIfAbsent(type, k -> new LinkedHashMap<>());
    for (String k : keys) {
      m.put(Similar.norm(k), hint);
    }
  }

  static {
    // VirtualService spec
    t("VirtualService", "hosts is a list, even for one host: hosts: [reviews]", "host");
    t("VirtualService", "gateways is a list: gateways: [my-gateway]", "gateway");
    t("VirtualService", "weights are set per destination: http: [{route: [{destination: {host: "
        + "reviews, subset: v1}, weight: 90}, ...]}]", "weight", "weights");
    t("VirtualService", "timeouts are set per HTTP rule: http: [{timeout: 5s, route: [...]}]",
        "timeout");
    t("VirtualService", "retries are set per HTTP rule: http: [{retries: {attempts: 3}, route: "
        + "[...]}]", "retries", "retry");
    t("VirtualService", "routes live inside HTTP rules: http: [{route: [{destination: {host: "
        + "reviews}}]}]", "route", "routes", "destination");
    t("VirtualService", "matches live inside HTTP rules: http: [{match: [{uri: {prefix: /x}}], "
        + "route: [...]}]", "match");
    t("VirtualService", "subsets and traffic policies belong to a DestinationRule (kind: "
        + "DestinationRule), not to a VirtualService", "subsets", "trafficPolicy", "loadBalancer",
        "connectionPool", "outlierDetection", "circuitBreaker", "circuitBreakers");
    t("VirtualService", "fault injection is set per HTTP rule: http: [{fault: {...}, route: [...]}]",
        "fault");
    // HTTPRoute
    t("HTTPRoute", "weight belongs to each entry of route, next to destination: route: "
        + "[{destination: {host: reviews, subset: v1}, weight: 90}]", "weight");
    t("HTTPRoute", "the field is retries: retries: {attempts: 3, perTryTimeout: 2s}", "retry");
    t("HTTPRoute", "destinations go in a list under route: route: [{destination: {host: reviews}}]",
        "destination", "destinations", "host", "subset");
    t("HTTPRoute", "hosts is set once for the whole VirtualService (spec.hosts)", "hosts");
    t("HTTPRoute", "request conditions go in the match list: match: [{uri: {prefix: /api}}]",
        "uri", "method", "authority", "scheme", "queryParams", "withoutHeaders", "sourceLabels",
        "path", "prefix", "exact", "regex", "matches");
    t("HTTPRoute", "abort and delay go under fault: fault: {abort: {httpStatus: 500, percentage: "
        + "{value: 10}}}", "abort", "delay");
    t("HTTPRoute", "attempts, perTryTimeout and retryOn go under retries: retries: {attempts: 3, "
        + "perTryTimeout: 2s, retryOn: 5xx}", "attempts", "perTryTimeout", "retryOn");
    t("HTTPRoute", "traffic policies (load balancing, connection pools, outlier detection) belong "
        + "to a DestinationRule", "trafficPolicy", "loadBalancer", "connectionPool",
        "outlierDetection", "circuitBreaker");
    // HTTPRouteDestination / RouteDestination
    for (String rd : List.of("HTTPRouteDestination", "RouteDestination")) {
      t(rd, "host, subset and port go inside destination: - destination: {host: reviews, subset: "
          + "v1}", "host", "subset", "port", "version");
      t(rd, "the field is destination (one per route entry): - destination: {host: reviews}",
          "destinations");
    }
    t("HTTPRouteDestination", "timeout and retries are set per HTTP rule, next to route (not inside "
        + "a route entry): http: [{route: [...], timeout: 5s, retries: {attempts: 3}}]",
        "timeout", "retries", "retry");
    // Destination
    t("Destination", "Destination has no version: define a subset in a DestinationRule (subsets: "
        + "[{name: v1, labels: {version: v1}}]) and write subset: v1", "version", "labels",
        "selector");
    t("Destination", "weight is not part of destination; it is its sibling in the route entry: "
        + "- destination: {host: reviews, subset: v1}\n  weight: 90", "weight");
    t("Destination", "Destination has no namespace: use the FQDN host, e.g. host: "
        + "reviews.prod.svc.cluster.local", "namespace");
    t("Destination", "the service is named by host: destination: {host: reviews}", "name",
        "service", "serviceName");
    // HTTPRetry
    t("HTTPRetry", "the field is attempts (plural): retries: {attempts: 3}", "attempt",
        "maxAttempts", "retries", "count");
    t("HTTPRetry", "the per-attempt timeout is perTryTimeout; the overall timeout is the rule's "
        + "timeout (http[].timeout)", "timeout");
    t("HTTPRetry", "status codes go into retryOn itself, comma-separated: retryOn: 503,5xx",
        "retryOnStatusCodes", "statusCodes", "retriableStatusCodes");
    // fault
    t("HTTPFaultInjection.Abort", "abort.percent was removed; write percentage: {value: 10}",
        "percent");
    t("HTTPFaultInjection.Abort", "the status code field is httpStatus: abort: {httpStatus: 500}",
        "status", "code", "httpStatusCode", "statusCode");
    t("HTTPFaultInjection.Delay", "the delay length is fixedDelay: delay: {fixedDelay: 5s}",
        "delay", "duration", "fixed", "value");
    t("HTTPFaultInjection", "percentage belongs inside abort or delay: fault: {delay: {fixedDelay: "
        + "5s, percentage: {value: 10}}}", "percentage", "percent");
    t("HTTPFaultInjection", "write abort: {httpStatus: ...} or delay: {fixedDelay: ...}",
        "httpStatus", "fixedDelay");
    // match
    t("HTTPMatchRequest", "the request path is matched with uri: uri: {prefix: /api}", "path",
        "url", "prefix", "exact", "regex");
    t("HTTPMatchRequest", "the field is headers (a map of header name to match): headers: "
        + "{end-user: {exact: jason}}", "header");
    t("HTTPMatchRequest", "the field is queryParams: queryParams: {debug: {exact: \"1\"}}",
        "queryParameters", "query", "queryParam", "params");
    t("HTTPMatchRequest", "the field is withoutHeaders (plural): withoutHeaders: {x-debug: {}}",
        "withoutHeader", "notHeaders");
    t("HTTPMatchRequest", "the Host header is matched with authority: authority: {exact: "
        + "example.com}", "host", "hosts");
    t("StringMatch", "a string match has exact, prefix or regex; for starts-with write prefix: /api",
        "startsWith", "startWith", "beginsWith");
    t("StringMatch", "there is no contains; use a regex that matches the whole value: regex: "
        + "\".*text.*\"", "contains", "includes");
    t("StringMatch", "there is no suffix match; use a regex: regex: \".*\\\\.png\"", "suffix",
        "endsWith", "endWith");
    t("StringMatch", "the field is exact: exact: value", "equals", "exactly", "is", "equal");
    t("StringMatch", "the field is regex (RE2, full match): regex: \"/api/v[0-9]+\"", "regexp",
        "pattern", "regularExpression");
    t("StringMatch", "ignoreUriCase is a field of the match block, next to uri: match: [{uri: "
        + "{prefix: /api}, ignoreUriCase: true}]", "ignoreUriCase", "ignoreCase");
    t("StringMatch", "presence is matched by an empty matcher: headers: {x-debug: {}}", "present",
        "exists");
    // DestinationRule
    t("DestinationRule", "a DestinationRule has one host (a string): host: reviews; write one "
        + "DestinationRule per service", "hosts");
    t("DestinationRule", "the field is subsets (a list): subsets: [{name: v1, labels: {version: v1}}]",
        "subset");
    t("DestinationRule", "routing (http, weights, matches, gateways) belongs to a VirtualService",
        "http", "gateways", "route", "weight");
    t("Subset", "a subset selects pods with labels: labels: {version: v1}", "selector",
        "matchLabels", "version", "podSelector", "label");
    t("Subset", "weights are set in the VirtualService's route, not in the DestinationRule",
        "weight");
    t("Subset", "host is set once for the whole DestinationRule (spec.host)", "host");
    // TrafficPolicy
    t("TrafficPolicy", "retries are set per route in a VirtualService (http[].retries), not in a "
        + "DestinationRule", "retries", "retry", "retryPolicy");
    t("TrafficPolicy", "request timeouts are set per route in a VirtualService (http[].timeout); "
        + "the connect timeout is connectionPool: {tcp: {connectTimeout: 5s}}", "timeout");
    t("TrafficPolicy", "subsets is a field of the DestinationRule spec, next to trafficPolicy",
        "subsets");
    t("TrafficPolicy", "fault injection is set per route in a VirtualService (http[].fault)",
        "fault");
    t("TrafficPolicy", "the field is loadBalancer: loadBalancer: {simple: ROUND_ROBIN}",
        "loadBalancing", "lb", "loadbalancerSettings", "loadBalancerPolicy");
    // ConnectionPool / OutlierDetection
    t("ConnectionPoolSettings.HTTPSettings", "maxConnections is a TCP setting: connectionPool: "
        + "{tcp: {maxConnections: 100}}", "maxConnections");
    t("ConnectionPoolSettings.HTTPSettings", "the pending-request queue limit is "
        + "http1MaxPendingRequests", "maxPendingRequests", "pendingRequests");
    t("ConnectionPoolSettings.HTTPSettings", "the active-request limit is http2MaxRequests (it "
        + "applies to HTTP/1.1 too)", "maxRequests");
    t("OutlierDetection", "the field is maxEjectionPercent", "maxEjectionPercentage",
        "maxEjectedPercent");
    t("OutlierDetection", "the field is baseEjectionTime", "baseEjectionDuration", "ejectionTime",
        "ejectionDuration");
    t("OutlierDetection", "write consecutive5xxErrors (any 5xx) or consecutiveGatewayErrors (502, "
        + "503, 504)", "consecutiveFailures", "consecutive5xx", "errors");
    // Gateway
    t("Gateway", "hosts are set per server: servers: [{port: {number: 80, name: http, protocol: "
        + "HTTP}, hosts: [\"example.com\"]}]", "hosts", "host");
    t("Gateway", "ports are set per server: servers: [{port: {number: 80, name: http, protocol: "
        + "HTTP}, hosts: [...]}]", "port", "ports");
    t("Gateway", "listeners and gatewayClassName are the Kubernetes Gateway API "
        + "(gateway.networking.k8s.io); an Istio Gateway has selector and servers", "listeners",
        "gatewayClassName", "addresses");
    t("Server", "hosts is a list, even for one host: hosts: [\"example.com\"]", "host");
    t("Server", "number, name and protocol go inside port: port: {number: 80, name: http, "
        + "protocol: HTTP}", "protocol", "number", "portNumber");
    t("Server", "TLS settings go inside tls: tls: {mode: SIMPLE, credentialName: my-cert}",
        "credentialName", "mode", "httpsRedirect", "secretName");
    t("ServerTLSSettings", "the Kubernetes secret is named by credentialName: credentialName: "
        + "my-cert", "secretName", "secret", "certificate", "certificateName", "credential");
    t("ClientTLSSettings", "the Kubernetes secret is named by credentialName", "secretName",
        "secret");
    // Kubernetes
    t("ObjectMeta", "the field is labels (a map): labels: {app: reviews}", "label");
    t("ObjectMeta", "the field is annotations (a map)", "annotation");
    t("DeploymentSpec", "containers go under template.spec: template: {metadata: {labels: ...}, "
        + "spec: {containers: [...]}}", "containers", "container");
    t("DeploymentSpec", "pod labels go under template.metadata.labels, and the selector under "
        + "selector.matchLabels", "labels", "matchLabels");
    t("ServiceSpec", "ports is a list: ports: [{port: 80, targetPort: 8080}]", "port",
        "targetPort");
    t("ServiceSpec", "a Service selects pods with selector: selector: {app: reviews}", "labels",
        "matchLabels", "podSelector");
    t("ServicePort", "the pod's port is targetPort (port is the Service port)", "containerPort");
  }

  /** Where the fields of a circuit breaker go in Istio (normalized key -> path). */
  private static final Map<String, String> CIRCUIT_BREAKER_MOVES = new LinkedHashMap<>();

  static {
    String tcp = "connectionPool.tcp.";
    String http = "connectionPool.http.";
    String od = "outlierDetection.";
    for (String[] m : new String[][] {
        {"maxConnections", tcp + "maxConnections"},
        {"connectTimeout", tcp + "connectTimeout"},
        {"http1MaxPendingRequests", http + "http1MaxPendingRequests"},
        {"maxPendingRequests", http + "http1MaxPendingRequests"},
        {"http2MaxRequests", http + "http2MaxRequests"},
        {"maxRequests", http + "http2MaxRequests"},
        {"maxRequestsPerConnection", http + "maxRequestsPerConnection"},
        {"maxRetries", http + "maxRetries"},
        {"consecutiveErrors", od + "consecutive5xxErrors"},
        {"consecutive5xxErrors", od + "consecutive5xxErrors"},
        {"consecutiveFailures", od + "consecutive5xxErrors"},
        {"consecutiveGatewayErrors", od + "consecutiveGatewayErrors"},
        {"interval", od + "interval"},
        {"baseEjectionTime", od + "baseEjectionTime"},
        {"baseEjectionDuration", od + "baseEjectionTime"},
        {"maxEjectionPercent", od + "maxEjectionPercent"},
        {"maxEjectionPercentage", od + "maxEjectionPercent"},
        {"minHealthPercent", od + "minHealthPercent"}}) {
      CIRCUIT_BREAKER_MOVES.put(Similar.norm(m[0]), m[1]);
    }
  }

  /** The table's hint for {@code key} written in a {@code type}, or null. */
  static String forUnknown(String type, String key) {
    Map<String, String> m = UNKNOWN.get(type);
    return m == null ? null : m.get(Similar.norm(key));
  }

  static String circuitBreaker(String key, YamlNode value, YamlMap siblings,
      boolean needsTrafficPolicy) {
    Map<String, Object> pool = new LinkedHashMap<>();
    Map<String, Object> outlier = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    boolean consecutiveErrors = false;
    if (value instanceof YamlMap m) {
      for (YamlMap.Entry e : m.entries()) {
        String target = CIRCUIT_BREAKER_MOVES.get(Similar.norm(e.name()));
        if (target == null) {
          unknown.add(e.name());
          continue;
        }
        consecutiveErrors |= Similar.norm(e.name()).equals("consecutiveerrors");
        String[] parts = target.split("\\.");
        String text = DidYouMean.flowValue(e.value());
        if (parts[0].equals("outlierDetection")) {
          outlier.put(parts[1], text);
        } else {
          @SuppressWarnings("unchecked")
          Map<String, Object> sub =
              (Map<String, Object>) pool.computeIfAbsent(parts[1], k -> new LinkedHashMap<>());
          sub.put(parts[2], text);
        }
      }
    }
    StringBuilder sb = new StringBuilder("Istio has no ").append(key)
        .append(": Envoy's circuit breaking is configured with two trafficPolicy fields, "
            + "connectionPool (limits on connections and queued requests) and outlierDetection "
            + "(ejecting hosts that keep failing).");
    if (!outlier.isEmpty() || !pool.isEmpty()) {
      sb.append(" Rewrite it").append(needsTrafficPolicy ? " under trafficPolicy" : "")
          .append(" as ");
      List<String> parts = new ArrayList<>();
      if (!outlier.isEmpty()) {
        parts.add("outlierDetection: " + DidYouMean.flow(outlier));
      }
      if (!pool.isEmpty()) {
        parts.add("connectionPool: " + DidYouMean.flow(pool)
            + (siblings.has("connectionPool") ? " (merged into your existing connectionPool)" : ""));
      }
      sb.append(String.join(" and ", parts)).append('.');
    } else {
      sb.append(" Write outlierDetection: {consecutive5xxErrors: 5, interval: 10s, "
          + "baseEjectionTime: 30s} and/or connectionPool: {tcp: {maxConnections: 100}}.");
    }
    if (consecutiveErrors) {
      sb.append(" consecutiveErrors is ignored since Istio 1.7: use consecutive5xxErrors (or "
          + "consecutiveGatewayErrors for 502/503/504 only).");
    }
    if (!unknown.isEmpty()) {
      sb.append(" No Istio equivalent for ").append(Similar.orList(unknown).replace(" or ", ", "))
          .append(": remove ").append(unknown.size() == 1 ? "it." : "them.");
    }
    return sb.toString();
  }
}
