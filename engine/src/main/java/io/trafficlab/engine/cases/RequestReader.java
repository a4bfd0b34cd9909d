package io.trafficlab.engine.cases;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlScalar;
import io.trafficlab.engine.config.yaml.YamlSeq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads {@code requests[]}, their {@code expect}, and the {@code distribution} block. */
final class RequestReader {

  static final List<String> TEMPLATE_KEYS =
      List.of("via", "from", "host", "port", "scheme", "method", "path", "headers");
  static final List<String> REQUEST_KEYS = concat(TEMPLATE_KEYS, "repeat", "concurrent", "expect");
  static final List<String> DISTRIBUTION_KEYS =
      concat(TEMPLATE_KEYS, "requests", "by", "expect", "tolerance");
  static final List<String> FROM_KEYS = List.of("namespace", "labels");
  static final List<String> RANGE_KEYS = List.of("min", "max");
  static final List<String> MIRROR_KEYS = List.of("service", "namespace", "subset", "pod", "path");

  /** Envoy's short response flags (access log %RESPONSE_FLAGS%). */
  static final List<String> RESPONSE_FLAGS = List.of("DC", "DI", "DF", "DO", "DPE", "DT", "FI",
      "IH", "LH", "LR", "NC", "NFCF", "NR", "OM", "RL", "RLSE", "SI", "UAEX", "UC", "UF", "UH",
      "UMSDR", "UO", "UPE", "UR", "URX", "UT");

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern LABEL_KEY =
      Pattern.compile("([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z-]*");
  private static final Pattern VIA_GATEWAY = Pattern.compile("gateway:([0-9]{1,5})");

  private final Fields f;
  private final String namespace;

  RequestReader(Fields f, String namespace) {
    this.f = f;
    this.namespace = namespace;
  }

  private static List<String> concat(List<String> a, String... more) {
    List<String> l = new ArrayList<>(a);
    l.addAll(List.of(more));
    return List.copyOf(l);
  }

  /** One request, or null when it is too broken to run (the reasons are reported). */
  CaseRequest request(YamlNode n, int index) {
    if (!(n instanceof YamlMap m)) {
      f.typeError(n, "a mapping with via, host, path and expect");
      return null;
    }
    f.known(m, "a request", REQUEST_KEYS);
    int errors = f.out.size();
    Template t = template(m);
    Integer repeat = f.integer(m, "repeat", 1, CaseLimits.MAX_REPEAT);
    Integer concurrent = f.integer(m, "concurrent", 1, CaseLimits.MAX_CONCURRENT);
    if (Fields.get(m, "repeat") != null && Fields.get(m, "concurrent") != null) {
      f.error(DiagnosticCode.TL4007, m.get("concurrent"),
          "write one request per round: repeat sends copies one after another, concurrent all at once",
          "repeat and concurrent");
    }
    Expect expect = Expect.NONE;
    YamlMap e = f.map(m, "expect");
    if (e != null) {
      expect = expect(e);
    }
    if (t == null || hasNewErrors(errors)) {
      return null;
    }
    return new CaseRequest(index, m.pos(), t.via, t.from, t.host, t.port, t.scheme, t.method,
        t.path, t.headers, repeat == null ? 1 : repeat, concurrent == null ? 0 : concurrent, expect);
  }

  Distribution distribution(YamlMap m) {
    f.known(m, "distribution", DISTRIBUTION_KEYS);
    int errors = f.out.size();
    Template t = template(m);
    Integer requests = f.integer(m, "requests", 1, CaseLimits.MAX_DISTRIBUTION_REQUESTS);
    if (Fields.get(m, "requests") == null) {
      f.error(DiagnosticCode.TL4004, m, "add requests: 1000", q("requests"), "distribution");
    }
    String by = f.loose(m, "by");
    if (by == null) {
      if (Fields.get(m, "by") == null) {
        f.error(DiagnosticCode.TL4004, m, "add by: subset (or service, status, or a pod label)",
            q("by"), "distribution");
      }
    } else if (!LABEL_KEY.matcher(by).matches()) {
      f.error(DiagnosticCode.TL4005, m.get("by"), "use subset, service, status or a pod label",
          "by", q(by), "not a label key");
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    YamlMap em = f.map(m, "expect");
    if (em == null) {
      if (Fields.get(m, "expect") == null) {
        f.error(DiagnosticCode.TL4004, m, "add expect: {v1: 0.9, v2: 0.1}", q("expect"),
            "distribution");
      }
    } else {
      double sum = 0;
      for (YamlMap.Entry e : em.entries()) {
        Double share = f.number(em, e.name(), 0, 1);
        if (share != null) {
          shares.put(e.name(), share);
          sum += share;
        }
      }
      if (!shares.isEmpty() && shares.size() == em.size() && Math.abs(sum - 1) > 0.01) {
        f.error(DiagnosticCode.TL4011, em, "shares are fractions of all requests: 0.9 and 0.1",
            Fields.fmt(Math.round(sum * 1000) / 1000.0));
      }
    }
    Double tolerance = f.number(m, "tolerance", 0, 1);
    if (t == null || requests == null || by == null || hasNewErrors(errors)) {
      return null;
    }
    CaseRequest template = new CaseRequest(-1, m.pos(), t.via, t.from, t.host, t.port, t.scheme,
        t.method, t.path, t.headers, 1, 0, Expect.NONE);
    return new Distribution(m.pos(), requests, template, by, shares,
        tolerance == null ? Distribution.DEFAULT_TOLERANCE : tolerance);
  }

  private boolean hasNewErrors(int before) {
    return f.out.subList(before, f.out.size()).stream().anyMatch(d -> d.isError());
  }

  private record Template(CaseRequest.Via via, CaseRequest.Client from, String host, Integer port,
      String scheme, String method, String path, Map<String, String> headers) {}

  private Template template(YamlMap m) {
    int errors = f.out.size();
    CaseRequest.Via via = CaseRequest.Via.MESH;
    String v = f.string(m, "via");
    if (v != null) {
      var g = VIA_GATEWAY.matcher(v);
      if (v.equals("mesh")) {
        via = CaseRequest.Via.MESH;
      } else if (g.matches() && Integer.parseInt(g.group(1)) >= 1
          && Integer.parseInt(g.group(1)) <= 65535) {
        via = CaseRequest.Via.gateway(Integer.parseInt(g.group(1)));
      } else {
        f.error(DiagnosticCode.TL4005, m.get("via"),
            "write via: mesh (from a client sidecar) or via: gateway:80 (an ingress gateway port)",
            "via", q(v), "expected mesh or gateway:<port>");
      }
    }
    CaseRequest.Client from = CaseRequest.Client.defaultIn(namespace);
    YamlMap fm = f.map(m, "from");
    if (fm != null) {
      f.known(fm, "from", FROM_KEYS);
      String ns = f.string(fm, "namespace");
      Map<String, String> labels = fm.has("labels") ? f.stringMap(fm, "labels", false)
          : Map.of("app", "client");
      from = new CaseRequest.Client(ns == null ? namespace : ns, labels);
      if (!via.isMesh()) {
        f.error(DiagnosticCode.TL4007, fm, "remove from: a gateway request comes from outside the mesh",
            "from and via: gateway");
      }
    }
    String host = f.string(m, "host");
    if (host == null && Fields.get(m, "host") == null) {
      f.error(DiagnosticCode.TL4004, m, "add host: <service name or Host header>", q("host"),
          m.path().isEmpty() ? "a request" : m.path());
    } else if (host != null && (host.isEmpty() || !host.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      f.error(DiagnosticCode.TL4005, m.get("host"), "write a host name such as reviews or bookinfo.example.com",
          "host", q(host), "must not be empty or contain spaces");
    }
    Integer port = f.integer(m, "port", 1, 65535);
    String scheme = f.string(m, "scheme");
    if (scheme == null) {
      scheme = "http";
    } else if (!scheme.equals("http") && !scheme.equals("https")) {
      f.error(DiagnosticCode.TL4005, m.get("scheme"), "use http or https", "scheme", q(scheme),
          "expected http or https");
    }
    String method = f.string(m, "method");
    if (method == null) {
      method = "GET";
    } else if (!METHOD.matcher(method).matches()) {
      String hint = method.toUpperCase(Locale.ROOT).equals(method) ? "write a method such as GET or POST"
          : "HTTP methods are upper case: " + method.toUpperCase(Locale.ROOT);
      f.error(DiagnosticCode.TL4005, m.get("method"), hint, "method", q(method),
          "expected an upper-case HTTP method");
    }
    String path = f.string(m, "path");
    if (path == null) {
      path = "/";
    } else if (!validPath(path)) {
      f.error(DiagnosticCode.TL4005, m.get("path"), "start the path with / and percent-encode spaces",
          "path", q(path), "must start with / and contain no spaces or control characters");
    }
    Map<String, String> headers = f.stringMap(m, "headers", false);
    YamlMap hm = f.map(m, "headers");
    if (hm != null) {
      for (YamlMap.Entry e : hm.entries()) {
        String name = e.name();
        if (!TOKEN.matcher(name).matches()) {
          f.error(DiagnosticCode.TL4005, e.key(), "header names are letters, digits and '-'",
              "header name", q(name), "not an HTTP token");
        } else if (name.equalsIgnoreCase("host") || name.equalsIgnoreCase(":authority")) {
          f.error(DiagnosticCode.TL4005, e.key(), "set the Host header with host:", "header",
              q(name), "use the host key");
        }
        String value = headers.get(name);
        if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
          f.error(DiagnosticCode.TL4005, e.value(), "remove line breaks from the value",
              "header value", q(value), "contains control characters");
        }
      }
    }
    if (scheme.equals("https") && via.isMesh()) {
      f.error(DiagnosticCode.TL4005, m.get("scheme"), "send https through an ingress gateway port: via: gateway:443",
          "scheme", q(scheme), "mesh requests are plain HTTP (the sidecar originates mTLS)");
    }
    if (hasNewErrors(errors) || host == null) {
      return null;
    }
    return new Template(via, from, host, port, scheme, method, path, headers);
  }

  static boolean validPath(String path) {
    return path.startsWith("/") && path.length() <= CaseLimits.MAX_PATH
        && path.chars().allMatch(c -> c > 0x20 && c < 0x7f || c > 0xa0);
  }

  Expect expect(YamlMap m) {
    f.known(m, "expect", Expect.KEYS);
    Map<String, SourcePos> positions = new HashMap<>();
    for (YamlMap.Entry e : m.entries()) {
      positions.put(e.name(), e.key().pos());
    }
    Integer status = f.integer(m, "status", 100, 599);
    List<Integer> statusIn = new ArrayList<>();
    YamlNode si = Fields.get(m, "statusIn");
    if (si instanceof YamlSeq s) {
      for (YamlNode n : s) {
        Integer v = f.integer(n, 100, 599);
        if (v != null) {
          statusIn.add(v);
        }
      }
    } else if (si != null) {
      f.typeError(si, "a list of status codes");
    }
    Double min = f.number(m, "minLatencyMs", 0, CaseLimits.MAX_LATENCY_MS);
    Double max = f.number(m, "maxLatencyMs", 0, CaseLimits.MAX_LATENCY_MS);
    if (min != null && max != null && min > max) {
      f.error(DiagnosticCode.TL4005, m.get("maxLatencyMs"), "swap the two values", "maxLatencyMs",
          Fields.fmt(max), "less than minLatencyMs " + Fields.fmt(min));
    }
    IntRange attempts = null;
    YamlNode ua = Fields.get(m, "upstreamAttempts");
    if (ua != null) {
      attempts = range(ua, 0, 1_000);
    }
    List<Expect.MirrorExpect> mirrors = null;
    YamlNode mt = Fields.get(m, "mirroredTo");
    if (mt != null || m.has("mirroredTo")) {
      mirrors = mirrors(mt);
    }
    List<String> reqAbsent = f.stringList(m, "requestHeadersAbsent").stream()
        .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    List<String> respAbsent = f.stringList(m, "responseHeadersAbsent").stream()
        .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    return new Expect(f.string(m, "service"), f.string(m, "namespace"), f.loose(m, "subset"),
        f.stringMap(m, "podLabels", false), status, statusIn, flag(m, "responseFlag"),
        flag(m, "responseFlagNot"), flag(m, "responseFlagFor503"), f.loose(m, "bodyContains"),
        f.string(m, "redirect"), f.string(m, "rewrittenPath"), f.string(m, "rewrittenAuthority"),
        f.stringMap(m, "requestHeaders", true), reqAbsent, f.stringMap(m, "responseHeaders", true),
        respAbsent, min, max, attempts, mirrors, statusCounts(f, m), positions);
  }

  private String flag(YamlMap m, String key) {
    String v = f.string(m, key);
    if (v != null && !RESPONSE_FLAGS.contains(v)) {
      String dym = Suggest.didYouMean(v, RESPONSE_FLAGS);
      f.error(DiagnosticCode.TL4005, m.get(key),
          (dym.isEmpty() ? "" : dym + " ") + "Envoy flags: " + String.join(", ", RESPONSE_FLAGS),
          "response flag", q(v), "not an Envoy response flag");
      return null;
    }
    return v;
  }

  private List<Expect.MirrorExpect> mirrors(YamlNode n) {
    List<Expect.MirrorExpect> result = new ArrayList<>();
    if (n == null) {
      return result;
    }
    List<YamlNode> items = n instanceof YamlSeq s ? s.items() : List.of(n);
    for (YamlNode item : items) {
      if (item instanceof YamlScalar) {
        String svc = f.text(item);
        if (svc != null) {
          result.add(new Expect.MirrorExpect(svc, null, null, null, null));
        }
      } else if (item instanceof YamlMap mm) {
        f.known(mm, "a mirror", MIRROR_KEYS);
        result.add(new Expect.MirrorExpect(f.string(mm, "service"), f.string(mm, "namespace"),
            f.loose(mm, "subset"), f.string(mm, "pod"), f.string(mm, "path")));
      } else {
        f.typeError(item, "a service name or {service, subset}");
      }
    }
    return result;
  }

  /** {@code statusCounts} under {@code m}: status → count or {min, max}. */
  static Map<Integer, IntRange> statusCounts(Fields f, YamlMap m) {
    Map<Integer, IntRange> result = new LinkedHashMap<>();
    YamlMap sc = f.map(m, "statusCounts");
    if (sc == null) {
      return result;
    }
    for (YamlMap.Entry e : sc.entries()) {
      int code;
      try {
        code = Integer.parseInt(e.name());
      } catch (NumberFormatException ex) {
        code = -1;
      }
      if (code < 100 || code > 599) {
        f.error(DiagnosticCode.TL4005, e.key(), "write status codes such as \"200\" or \"503\"",
            "status", q(e.name()), "expected 100 to 599");
        continue;
      }
      IntRange r = new RequestReader(f, "").range(e.value(), 0, CaseLimits.MAX_TOTAL_COPIES);
      if (r != null) {
        result.put(code, r);
      }
    }
    return result;
  }

  /** An integer or {min, max}. */
  IntRange range(YamlNode n, int lo, int hi) {
    if (n instanceof YamlMap rm) {
      f.known(rm, "a range", RANGE_KEYS);
      Integer min = f.integer(rm, "min", lo, hi);
      Integer max = f.integer(rm, "max", lo, hi);
      if (rm.isEmpty()) {
        f.error(DiagnosticCode.TL4004, rm, "write {min: 1, max: 3}", q("min") + " or " + q("max"),
            "a range");
        return null;
      }
      if (min != null && max != null && min > max) {
        f.error(DiagnosticCode.TL4005, rm, "swap min and max", "range", min + ".." + max,
            "min is greater than max");
        return null;
      }
      if ((rm.has("min") && min == null) || (rm.has("max") && max == null)) {
        return null;
      }
      return new IntRange(min == null ? 0 : min, max == null ? Integer.MAX_VALUE : max);
    }
    Integer v = f.integer(n, lo, hi);
    return v == null ? null : IntRange.exactly(v);
  }
}
