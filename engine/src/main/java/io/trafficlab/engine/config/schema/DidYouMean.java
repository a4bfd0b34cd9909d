package io.trafficlab.engine.config.schema;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.schema.SchemaChecker.Frame;
import io.trafficlab.engine.config.schema.Type.EnumOf;
import io.trafficlab.engine.config.schema.Type.Field;
import io.trafficlab.engine.config.schema.Type.Kind;
import io.trafficlab.engine.config.schema.Type.ListOf;
import io.trafficlab.engine.config.schema.Type.MapOf;
import io.trafficlab.engine.config.schema.Type.Obj;
import io.trafficlab.engine.config.schema.Type.Scalar;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hints for schema errors: the "fields that do not exist" table of istio-semantics §8 (the
 * mistakes learners actually make, with the real field), a rewrite of {@code circuitBreaker} built
 * from what was written, edit-distance suggestions among sibling fields and enum values, and
 * "this field lives elsewhere" found by searching the schema around the error. Every method returns
 * a hint sentence; none returns null.
 */
final class DidYouMean {

  private DidYouMean() {}

  // ---- the table: type name -> written key (normalized) -> hint ----

  private static final Map<String, Map<String, String>> UNKNOWN = new LinkedHashMap<>();

  private static void t(String type, String hint, String... keys) {
    Map<String, String> m = UNKNOWN.computeIfAbsent(type, k -> new LinkedHashMap<>());
    for (String k : keys) {
      m.put(norm(k), hint);
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
      CIRCUIT_BREAKER_MOVES.put(norm(m[0]), m[1]);
    }
  }

  // ---- unknown fields ----

  /**
   * The hint for an unknown field {@code key} in an object of {@code type}. {@code stack} holds
   * the objects being checked, the one containing {@code key} last.
   */
  static String unknownField(Obj type, String key, YamlNode value, YamlMap siblings,
      List<Frame> stack) {
    String n = norm(key);
    if (n.equals("circuitbreaker") || n.equals("circuitbreakers")) {
      if (type.name().equals("TrafficPolicy") || type.name().equals("TrafficPolicy.PortTrafficPolicy")
          || type.name().equals("DestinationRule") || type.name().equals("Subset")) {
        return circuitBreaker(key, value, siblings, !type.name().startsWith("TrafficPolicy"));
      }
    }
    Map<String, String> table = UNKNOWN.get(type.name());
    if (table != null && table.containsKey(n)) {
      return table.get(n);
    }
    for (String f : type.fieldNames()) {
      if (norm(f).equals(n)) {
        return "field names are case-sensitive: write " + q(f);
      }
    }
    List<String> close = closest(key, type.fieldNames());
    if (!close.isEmpty()) {
      return "did you mean " + orList(close) + "? " + fieldsOf(type);
    }
    List<Hit> below = findBelow(type, key, 3, false);
    if (!below.isEmpty()) {
      return misplaced(key, value, type, below, null);
    }
    for (int i = stack.size() - 2; i >= 0; i--) {
      Frame f = stack.get(i);
      List<Hit> hits = findBelow(f.type(), key, 2, true);
      if (!hits.isEmpty()) {
        return misplaced(key, value, type, hits, f);
      }
    }
    return fieldsOf(type);
  }

  private static String circuitBreaker(String key, YamlNode value, YamlMap siblings,
      boolean needsTrafficPolicy) {
    Map<String, Object> pool = new LinkedHashMap<>();
    Map<String, Object> outlier = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    boolean consecutiveErrors = false;
    if (value instanceof YamlMap m) {
      for (YamlMap.Entry e : m.entries()) {
        String target = CIRCUIT_BREAKER_MOVES.get(norm(e.name()));
        if (target == null) {
          unknown.add(e.name());
          continue;
        }
        consecutiveErrors |= norm(e.name()).equals("consecutiveerrors");
        String[] parts = target.split("\\.");
        String text = flowValue(e.value());
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
        parts.add("outlierDetection: " + flow(outlier));
      }
      if (!pool.isEmpty()) {
        parts.add("connectionPool: " + flow(pool)
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
      sb.append(" No Istio equivalent for ").append(orList(unknown).replace(" or ", ", "))
          .append(": remove ").append(unknown.size() == 1 ? "it." : "them.");
    }
    return sb.toString();
  }

  /** Where a field name exists below an object: the path of fields leading to its owner. */
  private record Hit(Obj owner, List<String> path, List<Boolean> lists) {}

  /**
   * Objects at most {@code maxDepth} fields below {@code from} (or {@code from} itself) that have
   * a field {@code key}; only the shallowest hits are returned.
   */
  private static List<Hit> findBelow(Obj from, String key, int maxDepth, boolean includeSelf) {
    Deque<Hit> queue = new ArrayDeque<>();
    queue.add(new Hit(from, List.of(), List.of()));
    List<Hit> hits = new ArrayList<>();
    int hitDepth = -1;
    while (!queue.isEmpty()) {
      Hit h = queue.poll();
      if (hitDepth >= 0 && h.path().size() > hitDepth) {
        break;
      }
      if ((includeSelf || !h.path().isEmpty()) && h.owner().field(key) != null) {
        hits.add(h);
        hitDepth = h.path().size();
        continue;
      }
      if (h.path().size() >= maxDepth) {
        continue;
      }
      for (Field f : h.owner().fields()) {
        Type t = f.type();
        boolean list = t instanceof ListOf;
        if (t instanceof ListOf l) {
          t = l.item();
        }
        if (t instanceof Obj child) {
          List<String> path = new ArrayList<>(h.path());
          path.add(f.name());
          List<Boolean> lists = new ArrayList<>(h.lists());
          lists.add(list);
          queue.add(new Hit(child, path, lists));
        }
      }
    }
    return hits;
  }

  /** The hint for a field that exists, but elsewhere ({@code around} null: below this object). */
  private static String misplaced(String key, YamlNode value, Obj type, List<Hit> hits,
      Frame around) {
    String where = around == null ? "" : around.map().path().isEmpty() ? "at the top level"
        : "under " + around.map().path();
    if (hits.size() > 1) {
      List<String> paths = hits.stream().map(h -> String.join(".", h.path()) + "." + key).toList();
      return q(key) + " is not a field of " + type.name() + "; did you mean " + orList(paths)
          + (where.isEmpty() ? "" : " " + where) + "?";
    }
    Hit h = hits.get(0);
    if (h.path().isEmpty()) {
      return q(key) + " is a field of " + h.owner().name()
          + (around.map().path().isEmpty() ? "" : " (" + around.map().path() + ")")
          + ", not of " + type.name() + ": move it there";
    }
    StringBuilder snippet = new StringBuilder();
    for (int i = 0; i < h.path().size(); i++) {
      snippet.append(h.path().get(i)).append(": ").append(h.lists().get(i) ? "[{" : "{");
    }
    snippet.append(key).append(": ").append(flowValue(value));
    for (int i = h.path().size() - 1; i >= 0; i--) {
      snippet.append(h.lists().get(i) ? "}]" : "}");
    }
    return q(key) + " is a field of " + h.owner().name() + ", not of " + type.name() + ": write "
        + (where.isEmpty() ? "" : where + " ") + snippet;
  }

  // ---- other hints ----

  static String missingField(Obj type, Field f) {
    if (f.name().equals("spec") && f.type() instanceof Obj spec) {
      List<String> required = new ArrayList<>();
      for (Field sf : spec.fields()) {
        if (sf.required()) {
          required.add(sf.name());
        }
      }
      return "add spec: with at least " + String.join(" and ", required);
    }
    String k = type.name() + "." + f.name();
    return switch (k) {
      case "Destination.host" -> "add host: the service to send to, e.g. destination: {host: reviews}";
      case "HTTPRouteDestination.destination", "RouteDestination.destination" ->
          "each route entry needs destination: - destination: {host: reviews}";
      case "HTTPMirrorPolicy.destination" -> "add destination: {host: reviews-mirror}";
      case "DestinationRule.host" -> "add host: the service this rule applies to, e.g. host: reviews";
      case "Subset.name" -> "add name: the subset name that VirtualServices use, e.g. name: v1";
      case "Server.port", "Port.number", "Port.name", "Port.protocol" ->
          "a server port needs number, name and protocol: port: {number: 80, name: http, "
              + "protocol: HTTP}";
      case "Server.hosts" -> "add hosts: the host names this server accepts, e.g. hosts: "
          + "[\"example.com\"] (or [\"*\"])";
      case "TLSRoute.match" -> "tls routes need match: [{sniHosts: [example.com]}]";
      case "TLSMatchAttributes.sniHosts" -> "add sniHosts: [example.com]";
      case "HTTPDirectResponse.status" -> "add status: 200 (the HTTP status to answer with)";
      case "ObjectMeta.name" -> "add metadata: {name: ...}; names use lowercase letters, digits, "
          + "'-' and '.'";
      case "DeploymentSpec.selector" -> "add selector: {matchLabels: {app: ...}} matching "
          + "template.metadata.labels";
      case "DeploymentSpec.template" -> "add template: {metadata: {labels: {app: ...}}, spec: "
          + "{containers: [{name: app, image: ...}]}}";
      case "PodSpec.containers" -> "add containers: [{name: app, image: ...}]";
      case "ServicePort.port" -> "add port: the port the Service listens on, e.g. port: 80";
      default -> "add " + f.name() + ": " + example(f.type());
    };
  }

  private static String example(Type t) {
    if (t instanceof Scalar s) {
      return switch (s.kind()) {
        case STRING -> "<text>";
        case BOOLEAN -> "true";
        case DURATION, DURATION_MIN_1MS -> "5s";
        case DOUBLE -> "10.0";
        default -> "<number>";
      };
    }
    if (t instanceof EnumOf e) {
      return e.values().get(0);
    }
    if (t instanceof ListOf) {
      return "[...]";
    }
    return "{...}";
  }

  static String oneOf(Obj type, List<String> group) {
    return switch (type.name()) {
      case "StringMatch" -> "a string match takes exactly one of exact, prefix or regex; to accept "
          + "either, write two match blocks (blocks in the match list are ORed)";
      case "LoadBalancerSettings" -> "choose either simple (an algorithm) or consistentHash "
          + "(sticky hashing), not both";
      case "HTTPRedirect" -> "port sets a fixed port, derivePort computes one; keep one";
      default -> "keep only one of " + String.join(", ", group);
    };
  }

  static String nullMapValue(MapOf type, String key) {
    if (type.value() == IstioSchema.STRING_MATCH) {
      return "to match any value (presence) write " + key + ": {}";
    }
    return "give " + q(key) + " a value; for an empty string write " + key + ": \"\"";
  }

  static String badEnum(Obj parent, String label, EnumOf type, String value) {
    String k = parent.name() + "." + base(label);
    String v = value.toUpperCase(Locale.ROOT);
    if (k.equals("ClientTLSSettings.mode") && (v.equals("STRICT") || v.equals("PERMISSIVE"))) {
      return v + " is a PeerAuthentication mode (what a server accepts); a DestinationRule says "
          + "how clients connect: ISTIO_MUTUAL for Istio mTLS, DISABLE for plain text";
    }
    if (k.equals("ServerTLSSettings.mode") && (v.equals("HTTPS") || v.equals("TLS")
        || v.equals("TERMINATE"))) {
      return v + " is not a TLS mode; to terminate TLS at the gateway write mode: SIMPLE with "
          + "credentialName (HTTPS is the port's protocol)";
    }
    if (k.equals("LoadBalancerSettings.simple")) {
      if (v.contains("HASH") || v.equals("MAGLEV") || v.equals("STICKY")) {
        return "consistent hashing is not a simple algorithm: write loadBalancer: "
            + "{consistentHash: {httpHeaderName: x-user}}";
      }
      if (v.startsWith("LEAST_CONNECTION")) {
        return "write LEAST_REQUEST (LEAST_CONN is its deprecated alias)";
      }
    }
    for (String allowed : type.values()) {
      if (norm(allowed).equals(norm(value))) {
        return "enum values are case-sensitive: write " + allowed;
      }
    }
    List<String> close = closest(value, type.values());
    if (!close.isEmpty()) {
      return "did you mean " + orList(close).replace("\"", "") + "? allowed: "
          + String.join(", ", type.values());
    }
    return "write one of " + String.join(", ", type.values()) + " (case-sensitive)";
  }

  static String badDuration(String value, String error) {
    String v = value.strip();
    if (error.equals("missing unit")) {
      return "add a unit: " + v + "s (units: h, m, s, ms, us, ns; e.g. 1.5s, 100ms, 1h30m)";
    }
    if (error.startsWith("unknown unit")) {
      String unit = v.replaceAll("^[-+0-9.]+", "").replaceAll("[0-9.].*$", "");
      String number = v.replaceAll("[^0-9.].*$", "");
      String fix = switch (unit.strip().toLowerCase(Locale.ROOT)) {
        case "sec", "secs", "second", "seconds" -> "s";
        case "min", "mins", "minute", "minutes" -> "m";
        case "hr", "hrs", "hour", "hours" -> "h";
        case "msec", "msecs", "millis", "millisecond", "milliseconds" -> "ms";
        case "d", "day", "days" -> "__day";
        default -> unit.startsWith(" ") ? "__space" : null;
      };
      if ("__day".equals(fix)) {
        return "there is no day unit: write hours, e.g. 24h";
      }
      if ("__space".equals(fix)) {
        return "no spaces inside a duration: write " + v.replace(" ", "");
      }
      if (fix != null) {
        return "write " + number + fix + " (units: h, m, s, ms, us, ns)";
      }
      return "units are h, m, s, ms, us and ns, e.g. 5s or 250ms";
    }
    return "write a Go duration such as 5s, 250ms, 1.5s or 1h30m";
  }

  static String tooShort(Obj parent, String label) {
    String k = parent.name() + "." + base(label);
    return switch (k) {
      case "HTTPRoute.timeout" -> "omit timeout for no timeout (the default); 0s is rejected";
      case "HTTPRetry.perTryTimeout" -> "use at least 1ms, or omit perTryTimeout to let each "
          + "attempt use the route timeout";
      case "HTTPFaultInjection.Delay.fixedDelay" -> "use at least 1ms, or remove the delay";
      default -> "use at least 1ms (e.g. 100ms, 5s), or omit the field for its default";
    };
  }

  static String wrongType(Obj parent, String label, Type expected, YamlNode found) {
    String field = base(label);
    if (expected instanceof ListOf l) {
      if (found instanceof YamlMap) {
        return field + " is a list: put '- ' before the item, or write " + field + ": [{...}]";
      }
      if (l.item() instanceof Scalar || l.item() instanceof EnumOf) {
        return field + " is a list, even for one value: " + field + ": [" + flowValue(found) + "]";
      }
      return field + " is a list of " + l.item().describe() + "s";
    }
    if (expected instanceof Obj o) {
      if (found instanceof YamlScalar && o.scalarField() != null) {
        return "write " + field + ": {" + o.scalarField() + ": " + flowValue(found) + "}";
      }
      if (found instanceof YamlSeq seq && seq.size() == 1 && seq.get(0) instanceof YamlMap) {
        return field + " is a single mapping, not a list: remove the '- '";
      }
      return field + " is a mapping; " + fieldsOf(o);
    }
    if (expected instanceof MapOf) {
      if (found instanceof YamlSeq) {
        return field + " is a mapping of names to values, not a list: remove the '- ' before the "
            + "entries";
      }
      return field + " is a mapping: " + field + ": {name: value}";
    }
    if (expected instanceof EnumOf e) {
      return "write one of " + String.join(", ", e.values());
    }
    Scalar s = (Scalar) expected;
    if (parent.name().equals("HTTPRetry") && field.equals("retryOn") && found instanceof YamlSeq seq) {
      List<String> items = new ArrayList<>();
      for (YamlNode item : seq) {
        items.add(item instanceof YamlScalar sc ? sc.value() : "...");
      }
      return "retryOn is one comma-separated string, not a list: retryOn: "
          + String.join(",", items);
    }
    if (!(found instanceof YamlScalar sc)) {
      return field + " takes " + s.describe() + ", not " + SchemaChecker.found(found);
    }
    Kind k = s.kind();
    if (k == Kind.STRING || k == Kind.BYTES || k == Kind.INT_OR_STRING) {
      return "quote the value so YAML reads it as text: " + field + ": \"" + sc.value() + "\"";
    }
    if (k.isInteger() || k == Kind.DOUBLE) {
      if (!sc.plain() && looksNumeric(sc.value())) {
        return "remove the quotes: " + field + ": " + sc.value() + " (a quoted number is a string)";
      }
      return field + " takes " + s.describe() + (k.isInteger() ? ", e.g. 10" : ", e.g. 12.5");
    }
    if (k == Kind.BOOLEAN) {
      if (!sc.plain() && (sc.value().equalsIgnoreCase("true") || sc.value().equalsIgnoreCase("false"))) {
        return "remove the quotes: " + field + ": " + sc.value().toLowerCase(Locale.ROOT);
      }
      return "write true or false (yes/no/on/off are strings in YAML 1.2)";
    }
    if (k.isDuration()) {
      return "write a duration string such as 5s, 250ms or 1h30m";
    }
    return "write " + s.describe();
  }

  // ---- kinds and apiVersions ----

  private static final Map<String, String> GATEWAY_API_KINDS = Map.of(
      "httproute", "HTTPRoute", "grpcroute", "GRPCRoute", "tcproute", "TCPRoute",
      "tlsroute", "TLSRoute", "udproute", "UDPRoute", "gatewayclass", "GatewayClass",
      "referencegrant", "ReferenceGrant", "backendtlspolicy", "BackendTLSPolicy");

  private static final List<String> SUPPORTED_KINDS =
      List.of("Gateway", "VirtualService", "DestinationRule", "Deployment", "Service");

  /** The hint for a kind trafficlab does not read. */
  static String unsupportedKind(String kind, String apiVersion) {
    String n = norm(kind);
    for (String k : SUPPORTED_KINDS) {
      if (norm(k).equals(n)) {
        return "kind is case-sensitive: write kind: " + k;
      }
    }
    String supported = "supported kinds: Gateway, VirtualService, DestinationRule "
        + "(networking.istio.io/v1, v1beta1, v1alpha3), Deployment (apps/v1) and Service (v1)";
    if (GATEWAY_API_KINDS.containsKey(n) || apiVersion.startsWith("gateway.networking.k8s.io")) {
      return kind + " is part of the Kubernetes Gateway API (gateway.networking.k8s.io), which "
          + "trafficlab does not support; write an Istio VirtualService instead. " + supported;
    }
    List<String> close = closest(kind, SUPPORTED_KINDS);
    if (!close.isEmpty()) {
      return "did you mean " + orList(close) + "? " + supported;
    }
    if (apiVersion.contains(".istio.io/")) {
      return "Istio's " + kind + " is outside what trafficlab simulates; " + supported;
    }
    return supported;
  }

  // ---- helpers ----

  /** consecutive_5xx_errors -> consecutive5xxErrors (protoc's JSON name rule). */
  static String snakeToCamel(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    boolean upper = false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '_') {
        upper = sb.length() > 0;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  /** Lower case without '_' and '-': the form in which "the same name" is compared. */
  static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** Candidates within a small edit distance of {@code key}, best first. */
  static List<String> closest(String key, Collection<String> candidates) {
    String k = key.toLowerCase(Locale.ROOT);
    int limit = k.length() <= 3 ? 1 : k.length() <= 6 ? 2 : 3;
    int best = Integer.MAX_VALUE;
    List<String> out = new ArrayList<>();
    for (String c : candidates) {
      int d = distance(k, c.toLowerCase(Locale.ROOT));
      if (d > limit || d >= Math.max(c.length(), k.length())) {
        continue;
      }
      if (d < best) {
        best = d;
        out.clear();
      }
      if (d == best) {
        out.add(c);
      }
    }
    return out;
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String fieldsOf(Obj type) {
    return type.name() + " fields: " + String.join(", ", type.fieldNames());
  }

  private static String orList(List<String> names) {
    List<String> quoted = names.stream().map(DiagnosticCode::q).toList();
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or "
        + quoted.get(quoted.size() - 1);
  }

  /** Field name without a list index: {@code hosts[0]} -> {@code hosts}. */
  private static String base(String label) {
    int i = label.indexOf('[');
    return i < 0 ? label : label.substring(0, i);
  }

  private static boolean looksNumeric(String v) {
    return v.strip().matches("[-+]?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?");
  }

  /** A value as it would be written in YAML flow style, for snippets in hints. */
  static String flowValue(YamlNode node) {
    if (node instanceof YamlScalar s) {
      if (s.isNull()) {
        return "...";
      }
      return s.plain() ? s.value() : "\"" + s.value() + "\"";
    }
    if (node instanceof YamlMap m) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (YamlMap.Entry e : m.entries()) {
        values.put(e.name(), flowValue(e.value()));
      }
      return m.size() <= 4 ? flow(values) : "{...}";
    }
    return "[...]";
  }

  @SuppressWarnings("unchecked")
  private static String flow(Map<String, Object> m) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Object v = e.getValue();
      parts.add(e.getKey() + ": " + (v instanceof Map ? flow((Map<String, Object>) v) : v));
    }
    return "{" + String.join(", ", parts) + "}";
  }
}
