package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.diag.DiagnosticCode.q;

import io.trafficlab.engine.config.diag.DiagnosticCode;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.config.yaml.YamlNode;
import io.trafficlab.engine.config.yaml.YamlReads;
import io.trafficlab.engine.config.yaml.YamlScalar;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** Istio's {@code validateHTTPRoute} and what it calls (semantics §5), for one {@code http[]} rule. */
final class HttpRouteChecks {
  private static final Set<Long> EFFECTIVE_REDIRECT_CODES = Set.of(301L, 302L, 303L, 307L, 308L);

  private final Findings f;
  private final CommonChecks common;
  private final boolean inDelegate;

  /** @param inDelegate true when the VirtualService has no hosts (its rules are delegate rules) */
  HttpRouteChecks(Findings f, boolean inDelegate) {
    this.f = f;
    this.common = new CommonChecks(f);
    this.inDelegate = inDelegate;
  }

  void check(YamlMap http) {
    conflicts(http);
    for (YamlNode n : YamlReads.list(http, "match")) {
      if (n instanceof YamlMap m) {
        match(m);
      }
    }
    common.headerOperations(http);
    YamlReads.map(http, "corsPolicy").ifPresent(new CorsFaultChecks(f, common)::cors);
    YamlReads.map(http, "fault").ifPresent(new CorsFaultChecks(f, common)::fault);
    mirrors(http);
    YamlReads.map(http, "redirect").ifPresent(this::redirect);
    YamlReads.map(http, "directResponse").ifPresent(this::directResponse);
    YamlReads.map(http, "retries").ifPresent(new RetryChecks(f, common)::check);
    YamlReads.map(http, "rewrite").ifPresent(this::rewrite);
    authorityRewrite(http);
    routeDestinations(http, true);
    common.duration(http, "timeout");
  }

  // ---- route / redirect / directResponse / delegate ----

  private void conflicts(YamlMap http) {
    boolean hasRoute = YamlReads.has(http, "route");
    boolean routes = !YamlReads.list(http, "route").isEmpty();
    boolean redirect = YamlReads.has(http, "redirect");
    boolean direct = YamlReads.has(http, "directResponse");
    boolean delegate = YamlReads.has(http, "delegate");
    boolean fault = YamlReads.has(http, "fault");
    boolean rewrite = YamlReads.has(http, "rewrite");
    if (!inDelegate && delegate) {
      String name = ruleName(http);
      String hint = "a rule with delegate hands the request to the delegate VirtualService, "
          + "which does the routing; remove this field";
      if (redirect) {
        f.key(http, "redirect", DiagnosticCode.TL2210, hint, name, "redirect");
      }
      if (hasRoute) {
        f.key(http, "route", DiagnosticCode.TL2210, hint, name, "route");
      }
      return;
    }
    if (inDelegate && delegate) {
      f.key(http, "delegate", DiagnosticCode.TL2211,
          "delegation is one level deep: a delegate VirtualService routes itself (route, redirect or "
              + "directResponse)");
    }
    if (redirect) {
      String hint = "a redirect answers the client directly; move the other action to a separate rule";
      if (routes) {
        f.key(http, "redirect", DiagnosticCode.TL2212, hint, "route", "redirect");
      }
      if (fault) {
        f.key(http, "fault", DiagnosticCode.TL2212, hint, "fault", "redirect");
      }
      if (rewrite) {
        f.key(http, "rewrite", DiagnosticCode.TL2212, hint, "rewrite", "redirect");
      }
      if (direct) {
        f.key(http, "directResponse", DiagnosticCode.TL2212, hint, "direct_response", "redirect");
      }
    } else if (direct) {
      String hint = "a directResponse answers the client itself; move the other action to a separate rule";
      if (routes) {
        f.key(http, "directResponse", DiagnosticCode.TL2212, hint, "route", "direct_response");
      }
      if (fault) {
        f.key(http, "fault", DiagnosticCode.TL2212, hint, "fault", "direct_response");
      }
      if (rewrite) {
        f.key(http, "rewrite", DiagnosticCode.TL2212, hint, "rewrite", "direct_response");
      }
    } else if (!routes) {
      f.key(http, "route", DiagnosticCode.TL2213,
          "add route: [{destination: {host: reviews}}], a redirect, or a directResponse");
    }
    if (YamlReads.has(http, "mirror") && !YamlReads.list(http, "mirrors").isEmpty()) {
      f.key(http, "mirrors", DiagnosticCode.TL2212, "use only mirrors (a list; mirror is the older single form)",
          "mirror", "mirrors");
    }
  }

  private static String ruleName(YamlMap http) {
    String name = YamlReads.str(http, "name");
    if (!name.isEmpty()) {
      return name;
    }
    String p = http.path();
    return p.startsWith("spec.") ? p.substring("spec.".length()) : p;
  }

  // ---- match ----

  private void match(YamlMap m) {
    YamlReads.map(m, "headers").ifPresent(h -> h.entries().forEach(e -> {
      if (e.value() instanceof YamlScalar s && s.isNull()) {
        f.at(e.key(), DiagnosticCode.TL2022,
            "write {} to match any value (header present), or {exact: value}", "header match " + e.name());
      }
      common.matchHeaderName(e.key());
      common.stringMatch(e.value(), "headers", false);
    }));
    YamlReads.map(m, "withoutHeaders").ifPresent(h -> h.entries().forEach(e -> {
      common.matchHeaderName(e.key());
      boolean presence = e.value() instanceof YamlMap sm && YamlReads.str(sm, "regex").equals("*");
      if (!presence) {
        common.stringMatch(e.value(), "withoutHeaders", false);
      }
    }));
    YamlReads.map(m, "uri").ifPresent(u -> common.stringMatch(u, "uri", true));
    for (String field : new String[] {"scheme", "method", "authority"}) {
      YamlReads.map(m, field).ifPresent(sm -> common.stringMatch(sm, field, false));
    }
    YamlReads.map(m, "queryParams").ifPresent(qp -> qp.entries()
        .forEach(e -> common.stringMatch(e.value(), "queryParams", false)));
    if (YamlReads.integer(m, "port").orElse(0L) != 0) {
      common.port(m, "port");
    }
    common.labels(m, "sourceLabels");
    common.gatewayNames(m, "gateways");
    String ns = YamlReads.str(m, "sourceNamespace");
    if (!ns.isEmpty() && !HostRules.isDns1123Label(ns)) {
      f.value(m, "sourceNamespace", DiagnosticCode.TL2214, "write one namespace name, e.g. default", ns);
    }
  }

  // ---- mirror / mirrors ----

  private void mirrors(YamlMap http) {
    if (YamlReads.has(http, "mirrorPercent")) {
      YamlReads.integer(http, "mirrorPercent").ifPresent(v -> {
        if (v > 100) {
          f.value(http, "mirrorPercent", DiagnosticCode.TL2239, "use a value from 0 to 100", v);
        }
      });
      f.key(http, "mirrorPercent", DiagnosticCode.TL2240, "write mirrorPercentage: {value: 50} instead");
    }
    YamlReads.map(http, "mirrorPercentage").ifPresent(p -> mirrorPercentage(p, "mirror_percentage"));
    YamlReads.map(http, "mirror").ifPresent(common::destination);
    for (YamlNode n : YamlReads.list(http, "mirrors")) {
      if (!(n instanceof YamlMap m)) {
        if (n instanceof YamlScalar s && s.isNull()) {
          f.at(n, DiagnosticCode.TL2022, "remove the empty list item", "mirror");
        }
        continue;
      }
      Optional<YamlMap> dest = YamlReads.map(m, "destination");
      if (dest.isEmpty()) {
        f.value(m, "destination", DiagnosticCode.TL2243, "add destination: {host: my-service}");
        continue;
      }
      common.destination(dest.get());
      YamlReads.map(m, "percentage").ifPresent(p -> mirrorPercentage(p, "mirror percentage"));
    }
  }

  private void mirrorPercentage(YamlMap p, String what) {
    YamlReads.number(p, "value").ifPresent(v -> {
      if (v > 100) {
        f.value(p, "value", DiagnosticCode.TL2241, "use a value from 0 to 100", what, String.format("%f", v));
      } else if (v < 0) {
        f.value(p, "value", DiagnosticCode.TL2242, "use a value from 0 to 100", what, String.format("%f", v));
      }
    });
  }

  // ---- redirect / directResponse / rewrite ----

  private void redirect(YamlMap r) {
    boolean any = !YamlReads.str(r, "uri").isEmpty() || !YamlReads.str(r, "authority").isEmpty()
        || YamlReads.has(r, "port") || YamlReads.has(r, "derivePort") || !YamlReads.str(r, "scheme").isEmpty();
    if (!any) {
      f.at(r, DiagnosticCode.TL2215, "e.g. redirect: {uri: /new-path} or redirect: {scheme: https}");
    }
    YamlReads.integer(r, "redirectCode").ifPresent(code -> {
      if (code == 0) {
        return;
      }
      if (code < 300 || code > 399) {
        f.value(r, "redirectCode", DiagnosticCode.TL2216, "use 301, 302, 303, 307 or 308", code);
      } else if (!EFFECTIVE_REDIRECT_CODES.contains(code)) {
        f.value(r, "redirectCode", DiagnosticCode.TL2217,
            "use 301 (moved permanently), 302, 303, 307 or 308 (permanent, keeps the method)", code);
      }
    });
    String scheme = YamlReads.str(r, "scheme");
    if (!scheme.isEmpty() && !scheme.equals("http") && !scheme.equals("https")) {
      f.value(r, "scheme", DiagnosticCode.TL2218, "write scheme: https (lower case)");
    }
    YamlReads.integer(r, "port").ifPresent(p -> {
      if (p > 0) {
        common.portValue(r, "port", p);
      }
    });
  }

  private void directResponse(YamlMap d) {
    Optional<YamlMap> body = YamlReads.map(d, "body");
    if (body.isPresent()) {
      long size = YamlReads.has(body.get(), "string")
          ? YamlReads.str(body.get(), "string").getBytes(StandardCharsets.UTF_8).length
          : YamlReads.str(body.get(), "bytes").length() * 3L / 4;
      if (size > 1024 * 1024) {
        f.at(body.get(), DiagnosticCode.TL2220, "keep direct response bodies small; serve large content from a service");
      } else if (size > 100 * 1024) {
        f.at(body.get(), DiagnosticCode.TL2221, "keep direct response bodies small; serve large content from a service");
      }
    }
    long status = YamlReads.integer(d, "status").orElse(0L);
    if (status < 200 || status > 600) {
      f.value(d, "status", DiagnosticCode.TL2219, "set status: 200 (or another HTTP status code)", status);
    }
  }

  private void rewrite(YamlMap rw) {
    boolean uri = !YamlReads.str(rw, "uri").isEmpty();
    boolean regex = YamlReads.has(rw, "uriRegexRewrite");
    boolean authority = !YamlReads.str(rw, "authority").isEmpty();
    if (uri && regex) {
      f.key(rw, "uriRegexRewrite", DiagnosticCode.TL2225, "keep either uri (prefix rewrite) or uriRegexRewrite");
      return;
    }
    if (!uri && !regex && !authority) {
      f.at(rw, DiagnosticCode.TL2226, "e.g. rewrite: {uri: /v2/} or rewrite: {authority: reviews.example.com}");
      return;
    }
    YamlReads.map(rw, "uriRegexRewrite").ifPresent(rr -> {
      if (YamlReads.str(rr, "match").isEmpty() || YamlReads.str(rr, "rewrite").isEmpty()) {
        f.at(rr, DiagnosticCode.TL2227, "e.g. uriRegexRewrite: {match: ^/service/([^/]+)(/.*)$, rewrite: \\2/instance/\\1}");
        return;
      }
      YamlScalar m = YamlReads.scalar(rr, "match").orElseThrow();
      common.regex(m, m.value(), "HTTPRewrite.UriRegexRewrite.Match");
    });
  }

  /** {@code validateAuthorityRewrite}: the authority may be rewritten in one place only. */
  private void authorityRewrite(YamlMap http) {
    String current = YamlReads.map(http, "rewrite").map(rw -> YamlReads.str(rw, "authority")).orElse("");
    Optional<YamlMap> req = YamlReads.map(http, "headers").flatMap(h -> YamlReads.map(h, "request"));
    if (req.isEmpty()) {
      return;
    }
    for (String op : new String[] {"set", "add"}) {
      Optional<YamlMap> ops = YamlReads.map(req.get(), op);
      if (ops.isEmpty()) {
        continue;
      }
      for (YamlMap.Entry e : ops.get().entries()) {
        if (!CommonChecks.isAuthorityHeader(e.name())) {
          continue;
        }
        String v = e.value() instanceof YamlScalar s ? s.value() : "";
        if (!current.isEmpty()) {
          f.at(e.key(), DiagnosticCode.TL2228,
              "rewrite the authority once: keep rewrite.authority and remove this header, or the other way round",
              q(current), q(v));
          return;
        }
        current = v;
      }
    }
  }

  // ---- destinations ----

  /**
   * {@code validateHTTPRouteDestinations} ({@code http} true) or {@code validateRouteDestinations}
   * (TCP/TLS): destination required and valid, weights not negative, not all zero.
   */
  void routeDestinations(YamlMap owner, boolean http) {
    long total = 0;
    int count = 0;
    for (YamlNode n : YamlReads.list(owner, "route")) {
      count++;
      if (!(n instanceof YamlMap rd)) {
        if (n instanceof YamlScalar s && s.isNull()) {
          f.at(n, DiagnosticCode.TL2022, "remove the empty list item", "route destination");
        }
        continue;
      }
      Optional<YamlMap> dest = YamlReads.map(rd, "destination");
      if (dest.isEmpty()) {
        f.value(rd, "destination", DiagnosticCode.TL2229,
            "each route entry is {destination: {host: reviews, subset: v1}, weight: 50}");
      }
      if (http) {
        common.headerOperations(rd);
      }
      dest.ifPresent(common::destination);
      long w = YamlReads.integer(rd, "weight").orElse(0L);
      if (w < 0) {
        f.value(rd, "weight", DiagnosticCode.TL2231,
            "weights are relative shares from 0 up (e.g. 90 and 10); use 0 to send no traffic", w);
      }
      total += w;
    }
    if (count > 1 && total == 0) {
      f.key(owner, "route", DiagnosticCode.TL2232,
          "give at least one destination a positive weight; weights are relative and need not total 100");
    }
  }
}
