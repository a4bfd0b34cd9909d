package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import com.google.re2j.PatternSyntaxException;
import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.value.GoDuration;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules Istio applies in several places: durations, percentages, ports, labels, StringMatch,
 * header operations, destinations and gateway references.
 */
final class CommonChecks {
  static final long NANOS_PER_MILLI = 1_000_000L;
  static final String DURATION_HINT =
      "write a whole number of milliseconds of at least 1ms, e.g. 250ms, 2s or 1m; "
          + "omit the field to keep the default";
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~A-Za-z0-9]+");
  private static final Set<String> PSEUDO_HEADERS =
      Set.of(":method", ":scheme", ":authority", ":path", ":status");

  private final Findings f;

  CommonChecks(Findings f) {
    this.f = f;
  }

  // ---- durations and percentages (istio-semantics §10) ----

  /** {@code agent.ValidateDuration}: at least 1ms and a whole number of milliseconds. */
  void duration(YamlMap parent, String key) {
    duration(parent, key, false);
  }

  /** Like {@link #duration(YamlMap, String)}; {@code zeroAllowed} for fields where 0s disables. */
  void duration(YamlMap parent, String key, boolean zeroAllowed) {
    Optional<YamlScalar> s = YamlReads.scalar(parent, key);
    if (s.isEmpty()) {
      return;
    }
    Optional<Long> nanos = GoDuration.value(s.get().value().trim()).map(Duration::toNanos);
    if (nanos.isEmpty() || (zeroAllowed && nanos.get() == 0)) {
      return; // unreadable durations are reported by the schema layer
    }
    if (nanos.get() < NANOS_PER_MILLI) {
      f.at(s.get(), DiagnosticCode.TL2001, DURATION_HINT, q(s.get().value()));
    } else if (nanos.get() % NANOS_PER_MILLI != 0) {
      f.at(s.get(), DiagnosticCode.TL2002,
          "round to whole milliseconds, e.g. " + (nanos.get() / NANOS_PER_MILLI) + "ms",
          q(s.get().value()));
    }
  }

  /** {@code validatePercentage}: a {@code Percent{value}} is 0, or within [0.0001, 100]. */
  void percentage(YamlMap parent, String key) {
    Optional<YamlMap> p = YamlReads.map(parent, key);
    if (p.isEmpty()) {
      return;
    }
    Optional<Double> v = YamlReads.number(p.get(), "value");
    if (v.isEmpty()) {
      return;
    }
    double d = v.get();
    if (Double.isNaN(d) || d < 0.0 || d > 100.0 || (d > 0.0 && d < 0.0001)) {
      f.value(p.get(), "value", DiagnosticCode.TL2004,
          "a percentage is a number from 0 to 100, e.g. value: 10 or value: 0.5",
          YamlReads.scalar(p.get(), "value").get().value());
    }
  }

  /** {@code ValidatePercent}: an integer percentage in 0..100. */
  void intPercent(YamlMap parent, String key) {
    YamlReads.integer(parent, key).ifPresent(v -> {
      if (v < 0 || v > 100) {
        f.value(parent, key, DiagnosticCode.TL2005, "use a whole number from 0 to 100", v);
      }
    });
  }

  /** {@code agent.ValidatePort}. */
  void port(YamlMap parent, String key) {
    YamlReads.integer(parent, key).ifPresent(v -> portValue(parent, key, v));
  }

  void portValue(YamlMap parent, String key, long v) {
    if (v < 1 || v > 65535) {
      f.value(parent, key, DiagnosticCode.TL2003, "ports are numbers from 1 to 65535", v);
    }
  }

  /** {@code labels.Instance.Validate}: Kubernetes label keys and values. */
  void labels(YamlMap parent, String key) {
    YamlReads.map(parent, key).ifPresent(m -> {
      for (YamlMap.Entry e : m.entries()) {
        if (!HostRules.isLabelKey(e.name())) {
          f.at(e.key(), DiagnosticCode.TL2010,
              "label keys are an optional DNS prefix and a name of letters, digits, '-', '_' and '.' "
                  + "(at most 63), e.g. app or example.com/tier", q(e.name()));
        }
        if (e.value() instanceof YamlScalar s && !s.isNull() && !HostRules.isLabelValue(s.value())) {
          f.at(s, DiagnosticCode.TL2011,
              "label values are letters, digits, '-', '_' and '.', starting and ending with a letter or "
                  + "digit, e.g. v1", q(s.value()));
        }
      }
    });
  }

  // ---- StringMatch ----

  /**
   * Checks a StringMatch. {@code emptyPrefixAllowed} is true only for {@code uri} (Envoy's path
   * prefix may be empty; header, query, scheme, method and authority prefixes may not).
   */
  void stringMatch(YamlNode node, String where, boolean emptyPrefixAllowed) {
    if (!(node instanceof YamlMap sm)) {
      return;
    }
    Optional<YamlScalar> prefix = YamlReads.scalar(sm, "prefix");
    if (!emptyPrefixAllowed && prefix.isPresent() && prefix.get().value().isEmpty()) {
      f.at(prefix.get(), DiagnosticCode.TL2006,
          "write the prefix to match, or use {} (an empty match) to only require that the "
              + where + " is present", q(where));
    }
    Optional<YamlScalar> regex = YamlReads.scalar(sm, "regex");
    regex.ifPresent(r -> regex(r, r.value(), where));
  }

  /** An RE2 regular expression, as Istio's {@code validateStringRegexp}. */
  void regex(YamlNode at, String re, String where) {
    if (re.isEmpty()) {
      f.at(at, DiagnosticCode.TL2007, "write a regular expression, e.g. regex: \"/api/v[0-9]+/.*\"",
          q(where));
      return;
    }
    if (re.length() > 1024) {
      f.at(at, DiagnosticCode.TL2008, "shorten the expression, or use exact or prefix matches",
          q(where));
      return;
    }
    try {
      com.google.re2j.Pattern.compile(re);
    } catch (PatternSyntaxException e) {
      f.at(at, DiagnosticCode.TL2009, re2Hint(re), q(where), re2Reason(e));
    } catch (RuntimeException e) {
      f.at(at, DiagnosticCode.TL2009, re2Hint(re), q(where), "invalid regular expression");
    }
  }

  private static String re2Reason(PatternSyntaxException e) {
    String d = e.getDescription();
    return "error parsing regexp: " + (d == null ? "invalid syntax" : d)
        + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : ": `" + e.getPattern() + "`");
  }

  private static String re2Hint(String re) {
    if (re.contains("(?=") || re.contains("(?!") || re.contains("(?<")) {
      return "RE2 has no lookahead or lookbehind; rewrite the expression without them";
    }
    if (re.matches(".*\\\\[1-9].*")) {
      return "RE2 has no backreferences (\\1); rewrite the expression without them";
    }
    if (re.startsWith("*") || re.startsWith("+") || re.startsWith("?")) {
      return "a regex cannot start with a repetition; for 'anything' write .* (the regex must match "
          + "the whole value)";
    }
    return "check the RE2 syntax (https://github.com/google/re2/wiki/Syntax); the regex must match "
        + "the whole value";
  }

  // ---- header names and operations ----

  /** {@code ValidateHTTPHeaderNameOrJwtClaimRoute}: header names in matches. */
  void matchHeaderName(YamlScalar key) {
    String name = key.value();
    if (name.isEmpty()) {
      f.at(key, DiagnosticCode.TL2012, "write the header name, e.g. end-user");
    } else if (!isJwtClaim(name) && !PSEUDO_HEADERS.contains(name) && !validHeaderName(name)) {
      f.at(key, DiagnosticCode.TL2013,
          "header names are letters, digits and !#$%&'*+-.^_`|~ (no spaces or ':'), e.g. end-user",
          name);
    }
  }

  static boolean isJwtClaim(String name) {
    return name.startsWith("@request.auth.claims.") || name.startsWith("@request.auth.claims[");
  }

  static boolean validHeaderName(String name) {
    return name.length() <= 1024 && HEADER_NAME.matcher(name).matches();
  }

  /**
   * The {@code headers} block of a route or destination: {@code request}/{@code response} ×
   * {@code set}/{@code add}/{@code remove}.
   */
  void headerOperations(YamlMap owner) {
    Optional<YamlMap> headers = YamlReads.map(owner, "headers");
    if (headers.isEmpty()) {
      return;
    }
    YamlReads.map(headers.get(), "request").ifPresent(req -> {
      for (String op : new String[] {"set", "add"}) {
        YamlReads.map(req, op).ifPresent(m -> m.entries().forEach(e -> {
          requestSetName(e.key());
          headerValue(e.value());
        }));
      }
      YamlReads.scalars(req, "remove").forEach(this::operationName);
    });
    YamlReads.map(headers.get(), "response").ifPresent(resp -> {
      for (String op : new String[] {"set", "add"}) {
        YamlReads.map(resp, op).ifPresent(m -> m.entries().forEach(e -> {
          operationName(e.key());
          headerValue(e.value());
        }));
      }
      YamlReads.scalars(resp, "remove").forEach(this::operationName);
    });
  }

  /** {@code ValidateHTTPHeaderWithAuthorityOperationName}: request set/add may name the authority. */
  private void requestSetName(YamlScalar key) {
    String name = key.value();
    if (name.isEmpty()) {
      f.at(key, DiagnosticCode.TL2012, "write the header name, e.g. x-canary");
    } else if (isInternalHeader(name) && !isAuthorityHeader(name)) {
      f.at(key, DiagnosticCode.TL2014,
          "pseudo-headers (':path', ':method', ...) cannot be set; use rewrite.uri to change the path",
          q(name));
    }
  }

  /** {@code ValidateHTTPHeaderOperationName}: request remove and all response operations. */
  private void operationName(YamlScalar key) {
    String name = key.value();
    if (name.isEmpty()) {
      f.at(key, DiagnosticCode.TL2012, "write the header name, e.g. x-debug");
    } else if (name.equalsIgnoreCase("host")) {
      f.at(key, DiagnosticCode.TL2015,
          "the Host header cannot be removed or set on responses; to change the request authority "
              + "use rewrite.authority", q(name));
    } else if (isInternalHeader(name)) {
      f.at(key, DiagnosticCode.TL2014,
          "pseudo-headers (names starting with ':') cannot be removed or set on responses", q(name));
    }
  }

  static boolean isInternalHeader(String name) {
    return name.startsWith(":") || name.equalsIgnoreCase("host");
  }

  static boolean isAuthorityHeader(String name) {
    return name.equalsIgnoreCase(":authority") || name.equalsIgnoreCase("host");
  }

  /** {@code ValidateHTTPHeaderValue}: no control characters, well-formed {@code %VAR%} expressions. */
  private void headerValue(YamlNode node) {
    if (!(node instanceof YamlScalar s) || s.isNull()) {
      return;
    }
    String v = s.value();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        f.at(s, DiagnosticCode.TL2016, "remove control characters (newlines) from header values",
            q(v), "control character");
        return;
      }
    }
    HeaderValues.problem(v).ifPresent(p -> f.at(s, DiagnosticCode.TL2016,
        "write a literal % as %%; %VARIABLE% expressions must be closed with %", q(v), p));
  }

  // ---- destinations and names ----

  /** {@code validateDestination}: host, subset and port of a route, mirror or TCP/TLS destination. */
  void destination(YamlMap dest) {
    YamlNode hostNode = YamlReads.node(dest, "host");
    String host = YamlReads.str(dest, "host");
    if (host.equals("*")) {
      f.at(hostNode, DiagnosticCode.TL2230,
          "a destination is one service: write its name (reviews) or FQDN (reviews.default.svc.cluster.local)",
          host);
    } else {
      HostRules.wildcardDomain(host).ifPresent(reason -> f.value(dest, "host", DiagnosticCode.TL2019,
          host.isEmpty() ? "every destination needs host: the service name, e.g. host: reviews"
              : "a host is a service name (reviews) or a DNS name (reviews.default.svc.cluster.local)",
          q(host), reason));
    }
    if (YamlReads.has(dest, "subset")) {
      subsetName(dest, "subset");
    }
    YamlReads.map(dest, "port").ifPresent(p -> {
      if (YamlReads.has(p, "number")) {
        port(p, "number");
      } else {
        f.key(p, "number", DiagnosticCode.TL2003, "write port: {number: 9080}", 0);
      }
    });
  }

  /** {@code validateSubsetName}: a DNS-1123 label such as {@code v1}. */
  void subsetName(YamlMap parent, String key) {
    String name = YamlReads.str(parent, key);
    if (name.isEmpty()) {
      f.value(parent, key, DiagnosticCode.TL2017, "name the subset, e.g. v1");
    } else if (!HostRules.isDns1123Label(name)) {
      f.value(parent, key, DiagnosticCode.TL2018,
          "subset names are DNS-1123 labels: letters, digits and '-', at most 63, no dots "
              + "(e.g. v1 or v1-0, not v1.0)", name);
    }
  }

  /** {@code validateGatewayNames}: {@code [namespace/]name}, or the legacy FQDN form (warning). */
  void gatewayNames(YamlMap parent, String key) {
    for (YamlScalar s : YamlReads.scalars(parent, key)) {
      String name = s.value();
      int slash = name.indexOf('/');
      if (slash < 0) {
        if (name.contains(".")) {
          String[] parts = name.split("\\.");
          String recommended = parts.length > 1 ? parts[1] + "/" + parts[0] : name;
          f.at(s, DiagnosticCode.TL2205, "write " + recommended, q(name), q(recommended));
        }
        HostRules.fqdn(name).ifPresent(reason -> f.at(s, DiagnosticCode.TL2019,
            "name a Gateway (my-gateway or namespace/my-gateway) or mesh", q(name), reason));
        continue;
      }
      String ns = name.substring(0, slash);
      String gw = name.substring(slash + 1);
      if (ns.isEmpty() || gw.isEmpty()) {
        f.at(s, DiagnosticCode.TL2202, "write namespace/name, e.g. istio-system/my-gateway");
      }
      if (!HostRules.isDns1123Label(ns)) {
        f.at(s, DiagnosticCode.TL2203,
            "the namespace part must be a namespace name; wildcards such as */name are not allowed",
            q(ns));
      }
      if (!HostRules.isDns1123Label(gw)) {
        f.at(s, DiagnosticCode.TL2204,
            "the name part must be one Gateway's name; wildcards such as namespace/* are not allowed",
            q(gw));
      }
    }
  }

  /** Lower-case for comparisons only. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
