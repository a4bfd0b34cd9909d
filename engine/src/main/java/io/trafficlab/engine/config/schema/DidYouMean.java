package io.trafficlab.engine.config.schema;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

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
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hints for schema errors. For an unknown field, in order: the table of fields that do not exist
 * ({@link FieldHints}, istio-semantics §8, including the circuitBreaker rewrite), a case-only
 * difference, an edit-distance match among sibling fields, the same field a few levels below or in
 * an enclosing object ("this field lives elsewhere"), else the list of valid fields. Also hints for
 * wrong types, enum values, durations, oneOf groups and missing fields. Every method returns a hint
 * sentence; none returns null.
 */
final class DidYouMean {

  private DidYouMean() {}

  // ---- unknown fields ----

  /**
   * The hint for an unknown field {@code key} in an object of {@code type}. {@code stack} holds
   * the objects being checked, the one containing {@code key} last.
   */
  static String unknownField(Obj type, String key, YamlNode value, YamlMap siblings,
      List<Frame> stack) {
    String n = Similar.norm(key);
    if (n.equals("circuitbreaker") || n.equals("circuitbreakers")) {
      if (type.name().equals("TrafficPolicy") || type.name().equals("TrafficPolicy.PortTrafficPolicy")
          || type.name().equals("DestinationRule") || type.name().equals("Subset")) {
        return FieldHints.circuitBreaker(key, value, siblings,
            !type.name().startsWith("TrafficPolicy"));
      }
    }
    String known = FieldHints.forUnknown(type.name(), key);
    if (known != null) {
      return known;
    }
    for (String f : type.fieldNames()) {
      if (Similar.norm(f).equals(n)) {
        return "field names are case-sensitive: write " + q(f);
      }
    }
    List<String> close = Similar.closest(key, type.fieldNames());
    if (!close.isEmpty()) {
      return "did you mean " + Similar.orList(close) + "? " + fieldsOf(type);
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
      return q(key) + " is not a field of " + type.name() + "; did you mean " + Similar.orList(paths)
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
      if (Similar.norm(allowed).equals(Similar.norm(value))) {
        return "enum values are case-sensitive: write " + allowed;
      }
    }
    List<String> close = Similar.closest(value, type.values());
    if (!close.isEmpty()) {
      return "did you mean " + Similar.orList(close).replace("\"", "") + "? allowed: "
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
    String n = Similar.norm(kind);
    for (String k : SUPPORTED_KINDS) {
      if (Similar.norm(k).equals(n)) {
        return "kind is case-sensitive: write kind: " + k;
      }
    }
    String supported = "supported kinds: Gateway, VirtualService, DestinationRule "
        + "(networking.istio.io/v1, v1beta1, v1alpha3), Deployment (apps/v1) and Service (v1)";
    if (GATEWAY_API_KINDS.containsKey(n) || apiVersion.startsWith("gateway.networking.k8s.io")) {
      return kind + " is part of the Kubernetes Gateway API (gateway.networking.k8s.io), which "
          + "trafficlab does not support; write an Istio VirtualService instead. " + supported;
    }
    List<String> close = Similar.closest(kind, SUPPORTED_KINDS);
    if (!close.isEmpty()) {
      return "did you mean " + Similar.orList(close) + "? " + supported;
    }
    if (apiVersion.contains(".istio.io/")) {
      return "Istio's " + kind + " is outside what trafficlab simulates; " + supported;
    }
    return supported;
  }

  // ---- helpers ----

  private static String fieldsOf(Obj type) {
    return type.name() + " fields: " + String.join(", ", type.fieldNames());
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
  static String flow(Map<String, Object> m) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Object v = e.getValue();
      parts.add(e.getKey() + ": " + (v instanceof Map ? flow((Map<String, Object>) v) : v));
    }
    return "{" + String.join(", ", parts) + "}";
  }
}
