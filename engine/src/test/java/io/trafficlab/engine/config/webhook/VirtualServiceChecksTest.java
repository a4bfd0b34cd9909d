package io.trafficlab.engine.config.webhook;

import static io.trafficlab.engine.config.webhook.WebhookFixture.assertFinding;
import static io.trafficlab.engine.config.webhook.WebhookFixture.assertReportedOnce;
import static io.trafficlab.engine.config.webhook.WebhookFixture.doc;
import static io.trafficlab.engine.config.webhook.WebhookFixture.webhook;
import static io.trafficlab.engine.config.webhook.WebhookFixture.webhookAlone;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Severity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Istio's ValidateVirtualService rules, one row per rule: spec text, code, position, path, words. */
class VirtualServiceChecksTest {
  private static final String REF = "VirtualService default/reviews";

  private static String vs(String spec) {
    return doc("VirtualService", "reviews", spec);
  }

  /** A mesh VirtualService for reviews whose single http rule is {@code rule} (indented as a list item). */
  private static String rule(String rule) {
    return vs("hosts:\n- reviews\nhttp:\n" + rule);
  }

  private static Arguments row(String name, String yaml, String code, String lineCol, String path,
      String... words) {
    return Arguments.of(name, yaml, code, lineCol, path, words);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        row("wildcard host bound to the mesh", vs("""
            hosts:
            - "*"
            http:
            - route:
              - destination: {host: reviews}
            """), "TL2207", "7:5", "spec.hosts[0]", "wildcard host * is not allowed", "mesh gateway"),
        row("overlapping hosts", vs("""
            hosts:
            - "*.example.com"
            - a.example.com
            gateways: [gw]
            http:
            - route:
              - destination: {host: reviews}
            """), "TL2208", "8:5", "spec.hosts[1]", "duplicate hosts in virtual service: *.example.com & a.example.com"),
        row("invalid host label", vs("""
            hosts:
            - reviews_v1
            http:
            - route:
              - destination: {host: reviews}
            """), "TL2019", "7:5", "spec.hosts[0]", "label \"reviews_v1\" invalid"),
        row("gateway with wildcard namespace", vs("""
            hosts: [a.example.com]
            gateways:
            - "*/gw"
            http:
            - route:
              - destination: {host: reviews}
            """), "TL2203", "8:5", "spec.gateways[0]", "invalid value for namespace: \"*\""),
        row("gateway with wildcard name", vs("""
            hosts: [a.example.com]
            gateways:
            - istio-system/*
            http:
            - route:
              - destination: {host: reviews}
            """), "TL2204", "8:5", "spec.gateways[0]", "invalid value for gateway name: \"*\""),
        row("no routes at all", vs("""
            hosts:
            - reviews
            """), "TL2209", "6:3", "spec.http", "http, tcp or tls must be provided"),
        row("delegate with gateways", vs("""
            gateways: [gw]
            http:
            - route:
              - destination: {host: reviews}
            """), "TL2201", "6:3", "spec.gateways", "delegate virtual service must have no gateways specified"),
        row("route and redirect", rule("""
            - route:
              - destination: {host: reviews}
              redirect: {uri: /new}
            """), "TL2212", "11:5", "spec.http[0].redirect", "cannot contain both route and redirect"),
        row("rewrite with redirect", rule("""
            - redirect: {uri: /new}
              rewrite: {uri: /old}
            """), "TL2212", "10:5", "spec.http[0].rewrite", "both rewrite and redirect"),
        row("no action", rule("""
            - match:
              - uri: {prefix: /a}
            """), "TL2213", "9:5", "spec.http[0].route", "HTTP route, redirect or direct_response is required"),
        row("mirror and mirrors", rule("""
            - route:
              - destination: {host: reviews}
              mirror: {host: reviews-shadow}
              mirrors:
              - destination: {host: reviews-shadow}
            """), "TL2212", "12:5", "spec.http[0].mirrors", "both mirror and mirrors"),
        row("empty header prefix", rule("""
            - match:
              - headers:
                  end-user: {prefix: ""}
              route:
              - destination: {host: reviews}
            """), "TL2006", "11:28", "spec.http[0].match[0].headers.end-user.prefix",
            "\"headers\": prefix string match should not be empty"),
        row("empty method prefix", rule("""
            - match:
              - method: {prefix: ""}
              route:
              - destination: {host: reviews}
            """), "TL2006", "10:24", "spec.http[0].match[0].method.prefix", "\"method\": prefix string match"),
        row("invalid regex", rule("""
            - match:
              - uri: {regex: "/api/(v1"}
              route:
              - destination: {host: reviews}
            """), "TL2009", "10:20", "spec.http[0].match[0].uri.regex", "\"uri\"", "missing closing )", "RE2"),
        row("empty regex", rule("""
            - match:
              - queryParams:
                  id: {regex: ""}
              route:
              - destination: {host: reviews}
            """), "TL2007", "11:21", "spec.http[0].match[0].queryParams.id.regex", "\"queryParams\": regex string match should not be empty"),
        row("header name with a space", rule("""
            - match:
              - headers:
                  "end user": {exact: jason}
              route:
              - destination: {host: reviews}
            """), "TL2013", "11:9", "spec.http[0].match[0].headers.end user", "header name end user is not a valid header name"),
        row("invalid source namespace", rule("""
            - match:
              - sourceNamespace: Bad_NS
              route:
              - destination: {host: reviews}
            """), "TL2214", "10:24", "spec.http[0].match[0].sourceNamespace", "sourceNamespace match Bad_NS is invalid"),
        row("negative weight", rule("""
            - route:
              - destination: {host: reviews, subset: v1}
                weight: 110
              - destination: {host: reviews, subset: v2}
                weight: -10
            """), "TL2231", "13:15", "spec.http[0].route[1].weight", "weight -10 < 0"),
        row("all weights zero", rule("""
            - route:
              - destination: {host: reviews, subset: v1}
                weight: 0
              - destination: {host: reviews, subset: v2}
            """), "TL2232", "9:5", "spec.http[0].route", "total destination weight = 0"),
        row("destination with an empty host", rule("""
            - route:
              - destination: {host: "", subset: v1}
            """), "TL2019", "10:27", "spec.http[0].route[0].destination.host", "empty domain name not allowed"),
        row("destination host star", rule("""
            - route:
              - destination: {host: "*"}
            """), "TL2230", "10:27", "spec.http[0].route[0].destination.host", "invalid destination host *"),
        row("subset with a dot", rule("""
            - route:
              - destination: {host: reviews, subset: v1.0}
            """), "TL2018", "10:44", "spec.http[0].route[0].destination.subset", "subset name is invalid: v1.0"),
        row("destination port out of range", rule("""
            - route:
              - destination: {host: reviews, port: {number: 0}}
            """), "TL2003", "10:51", "spec.http[0].route[0].destination.port.number", "port number 0 must be in the range 1..65535"),
        row("redirect code not 3xx", rule("""
            - redirect: {uri: /new, redirectCode: 200}
            """), "TL2216", "9:41", "spec.http[0].redirect.redirectCode", "200 is not a valid redirect code, must be 3xx"),
        row("empty redirect", rule("""
            - redirect: {redirectCode: 302}
            """), "TL2215", "9:15", "spec.http[0].redirect", "redirect must specify URI, authority, scheme, or port"),
        row("redirect scheme in capitals", rule("""
            - redirect: {scheme: HTTPS}
            """), "TL2218", "9:24", "spec.http[0].redirect.scheme", "invalid redirect scheme, must be \"http\" or \"https\""),
        row("direct response status below 200", rule("""
            - directResponse:
                status: 100
                body: {string: hello}
            """), "TL2219", "10:15", "spec.http[0].directResponse.status", "HTTP status 100 is not in range 200-599"),
        row("negative attempts", rule("""
            - route:
              - destination: {host: reviews}
              retries: {attempts: -1}
            """), "TL2222", "11:25", "spec.http[0].retries.attempts", "attempts cannot be negative"),
        row("retryOn without attempts", rule("""
            - route:
              - destination: {host: reviews}
              retries:
                retryOn: 5xx
            """), "TL2223", "12:7", "spec.http[0].retries.attempts", "http retry policy configured when attempts are set to 0 (disabled)"),
        row("unknown retryOn policy", rule("""
            - route:
              - destination: {host: reviews}
              retries:
                attempts: 3
                retryOn: 5xx,timeout
            """), "TL2224", "13:20", "spec.http[0].retries.retryOn", "\"timeout\" is not a valid retryOn policy"),
        row("timeout finer than ms", rule("""
            - route:
              - destination: {host: reviews}
              timeout: 1500us
            """), "TL2002", "11:14", "spec.http[0].timeout", "only durations to ms precision are supported"),
        row("fault without abort or delay", rule("""
            - route:
              - destination: {host: reviews}
              fault: {}
            """), "TL2233", "11:12", "spec.http[0].fault", "HTTP fault injection must have an abort and/or a delay"),
        row("abort status out of range", rule("""
            - route:
              - destination: {host: reviews}
              fault:
                abort: {httpStatus: 700, percentage: {value: 100}}
            """), "TL2219", "12:27", "spec.http[0].fault.abort.httpStatus", "HTTP status 700 is not in range 200-599"),
        row("fault percentage above 100", rule("""
            - route:
              - destination: {host: reviews}
              fault:
                delay: {fixedDelay: 5s, percentage: {value: 150}}
            """), "TL2004", "12:51", "spec.http[0].fault.delay.percentage.value", "percentage 150 is neither 0.0, nor in range [0.0001, 100.0]"),
        row("exponential delay", rule("""
            - route:
              - destination: {host: reviews}
              fault:
                delay: {exponentialDelay: 5s}
            """), "TL2237", "12:15", "spec.http[0].fault.delay.exponentialDelay", "exponentialDelay not supported yet"),
        row("mirror percentage above 100", rule("""
            - route:
              - destination: {host: reviews}
              mirror: {host: reviews-shadow}
              mirrorPercentage: {value: 150}
            """), "TL2241", "12:31", "spec.http[0].mirrorPercentage.value", "mirror_percentage must have a max value of 100"),
        row("empty rewrite", rule("""
            - route:
              - destination: {host: reviews}
              rewrite: {}
            """), "TL2226", "11:14", "spec.http[0].rewrite", "rewrite must specify at least one of URI, UriRegexRewrite, or authority"),
        row("authority rewritten twice", rule("""
            - route:
              - destination: {host: reviews}
              rewrite: {authority: a.example.com}
              headers:
                request:
                  set: {Host: b.example.com}
            """), "TL2228", "14:15", "spec.http[0].headers.request.set.Host", "authority header cannot be set multiple times"),
        row("setting a pseudo-header", rule("""
            - route:
              - destination: {host: reviews}
              headers:
                request:
                  set: {":path": /x}
            """), "TL2014", "13:15", "spec.http[0].headers.request.set.:path", "invalid header \":path\": header cannot have \":\" prefix"),
        row("removing Host from responses", rule("""
            - route:
              - destination: {host: reviews}
                headers:
                  response:
                    remove: [Host]
            """), "TL2015", "13:20", "spec.http[0].route[0].headers.response.remove[0]", "invalid header \"Host\": cannot set Host header"),
        row("CORS method in lower case", rule("""
            - route:
              - destination: {host: reviews}
              corsPolicy:
                allowMethods: [GET, post]
            """), "TL2245", "12:27", "spec.http[0].corsPolicy.allowMethods[1]", "\"post\" is not a supported HTTP method"),
        row("JWT claim routing at sidecars", rule("""
            - match:
              - headers:
                  "@request.auth.claims.group": {exact: admin}
              route:
              - destination: {host: reviews}
            """), "TL2206", "11:9", "spec.http[0].match[0].headers.@request.auth.claims.group", "JWT claim based routing", "only supported for gateway"),
        row("tcp rule without route", vs("""
            hosts: [mongo]
            tcp:
            - match:
              - port: 27017
            """), "TL2251", "8:5", "spec.tcp[0].route", "TCP route is required"),
        row("SNI host outside the hosts", vs("""
            hosts: [a.example.com]
            gateways: [gw]
            tls:
            - match:
              - sniHosts: [b.example.com]
              route:
              - destination: {host: b}
            """), "TL2250", "10:18", "spec.tls[0].match[0].sniHosts[0]", "SNI host \"b.example.com\" is not a compatible subset"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void invalidVirtualServiceIsRejectedAtTheOffendingNode(String name, String yaml, String code,
      String lineCol, String path, String[] words) {
    List<Diagnostic> found = webhook(yaml);
    assertFinding(found, code, lineCol, path, REF, words);
    assertThat(found).filteredOn(d -> d.code().equals(code)).allMatch(Diagnostic::isError);
  }

  private static final String NULL_HEADER_MATCH = rule("""
      - match:
        - headers:
            end-user:
        route:
        - destination: {host: reviews}
      """);
  private static final String ROUTE_WITHOUT_DESTINATION = rule("""
      - route:
        - weight: 100
      """);

  /**
   * Mistakes the CRD schema already rejects, so the document never reaches the webhook: the learner
   * is told once, at the same node, with a hint.
   */
  static Stream<Arguments> schemaCatchesFirst() {
    return Stream.of(
        row("null header match", NULL_HEADER_MATCH, "TL1002", "11:9", "spec.http[0].match[0].headers.end-user", "must be a mapping (StringMatch), found null"),
        row("destination without host", rule("""
            - route:
              - destination: {subset: v1}
            """), "TL1009", "10:20", "spec.http[0].route[0].destination.host", "missing required field \"host\" in Destination"),
        row("route entry without destination", ROUTE_WITHOUT_DESTINATION, "TL1009", "10:7", "spec.http[0].route[0].destination", "missing required field \"destination\""),
        row("direct response without status", rule("""
            - directResponse:
                body: {string: hello}
            """), "TL1009", "10:7", "spec.http[0].directResponse.status", "missing required field \"status\""),
        row("timeout below 1ms", rule("""
            - route:
              - destination: {host: reviews}
              timeout: 0.5ms
            """), "TL1007", "11:14", "spec.http[0].timeout", "\"0.5ms\"", "greater than 1ms"),
        row("per-try timeout below 1ms", rule("""
            - route:
              - destination: {host: reviews}
              retries: {attempts: 2, perTryTimeout: 0s}
            """), "TL1007", "11:43", "spec.http[0].retries.perTryTimeout", "\"0s\"", "greater than 1ms"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaCatchesFirst")
  void mistakeTheSchemaRejectsIsReportedOnceAtTheOffendingNode(String name, String yaml, String code,
      String lineCol, String path, String[] words) {
    assertReportedOnce(yaml, code, lineCol, path, REF, words);
  }

  /**
   * Webhook rules whose input only a tree the schema rejected can hold (the webhook also guards
   * itself, as Istio's does): checked on the raw tree with the schema layer out of the way.
   */
  static Stream<Arguments> onlyTheRawTreeReaches() {
    return Stream.of(
        row("null header match", NULL_HEADER_MATCH, "TL2022", "11:9", "spec.http[0].match[0].headers.end-user", "header match end-user may not be null"),
        row("route entry without destination", ROUTE_WITHOUT_DESTINATION, "TL2229", "10:7", "spec.http[0].route[0].destination", "destination is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("onlyTheRawTreeReaches")
  void webhookAloneStillRejectsWhatTheSchemaCatchesFirst(String name, String yaml, String code,
      String lineCol, String path, String[] words) {
    List<Diagnostic> found = webhookAlone(yaml);
    assertFinding(found, code, lineCol, path, REF, words);
    assertThat(found).filteredOn(d -> d.code().equals(code)).allMatch(Diagnostic::isError);
  }

  static Stream<Arguments> warnings() {
    return Stream.of(
        row("legacy gateway name", vs("""
            hosts: [a.example.com]
            gateways:
            - gw.istio-system.svc.cluster.local
            http:
            - route:
              - destination: {host: reviews}
            """), "TL2205", "8:5", "spec.gateways[0]", "legacy gatewayName format", "istio-system/gw"),
        row("redirect code without effect", rule("""
            - redirect: {uri: /new, redirectCode: 305}
            """), "TL2217", "9:41", "spec.http[0].redirect.redirectCode", "305", "no effect", "trafficlab check"),
        row("abort without error type", rule("""
            - route:
              - destination: {host: reviews}
              fault:
                abort: {percentage: {value: 10}}
            """), "TL2235", "12:14", "spec.http[0].fault.abort", "abort configured, but error type not set"),
        row("SNI host written as an IP", vs("""
            hosts: [a.example.com]
            gateways: [gw]
            tls:
            - match:
              - sniHosts: [10.0.0.1]
              route:
              - destination: {host: b}
            """), "TL2249", "10:18", "spec.tls[0].match[0].sniHosts[0]", "goes against SNI spec"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warnings")
  void questionableVirtualServiceIsAcceptedWithAWarning(String name, String yaml, String code,
      String lineCol, String path, String[] words) {
    List<Diagnostic> found = webhook(yaml);
    assertFinding(found, code, lineCol, path, REF, words);
    assertThat(found).filteredOn(d -> d.code().equals(code))
        .allMatch(d -> d.severity() == Severity.WARNING);
  }

  static Stream<Arguments> validRules() {
    return Stream.of(
        Arguments.of("empty uri prefix", rule("""
            - match:
              - uri: {prefix: ""}
              route:
              - destination: {host: reviews}
            """)),
        Arguments.of("presence and absence matches", rule("""
            - match:
              - headers: {end-user: {}}
                withoutHeaders: {x-debug: {regex: "*"}}
                queryParams: {id: {regex: "[0-9]+"}}
              route:
              - destination: {host: reviews}
            """)),
        Arguments.of("weights not totalling 100", rule("""
            - route:
              - destination: {host: reviews, subset: v1}
                weight: 550
              - destination: {host: reviews, subset: v2}
                weight: 500
            """)),
        Arguments.of("one destination without weight", rule("""
            - route:
              - destination: {host: reviews.default.svc.cluster.local, subset: v1, port: {number: 9080}}
            """)),
        Arguments.of("retries, timeout, fault and mirror", rule("""
            - route:
              - destination: {host: reviews}
              retries: {attempts: 3, perTryTimeout: 2s, retryOn: "5xx,reset,503,retriable-4xx"}
              timeout: 1.5s
              fault:
                delay: {fixedDelay: 7s, percentage: {value: 0.5}}
                abort: {grpcStatus: UNAVAILABLE, percentage: {value: 0}}
              mirror: {host: reviews, subset: v2}
              mirrorPercentage: {value: 100}
            """)),
        Arguments.of("deprecated delay percent (the analyzer's IST0002, not the webhook's)", rule("""
            - route:
              - destination: {host: reviews}
              fault:
                delay: {fixedDelay: 1s, percent: 10}
            """)),
        Arguments.of("attempts zero alone disables retries", rule("""
            - route:
              - destination: {host: reviews}
              retries: {attempts: 0}
            """)),
        Arguments.of("authority set through headers only", rule("""
            - route:
              - destination: {host: reviews}
              headers:
                request:
                  set: {host: a.example.com, x-canary: "true"}
                  add: {x-trace: "%REQ(x-request-id)%"}
                response:
                  remove: [x-powered-by]
            """)),
        Arguments.of("redirect and direct response rules", rule("""
            - match: [{uri: {exact: /old}}]
              redirect: {uri: /new, redirectCode: 308, scheme: https, port: 8443}
            - directResponse: {status: 503, body: {string: unavailable}}
            """)),
        Arguments.of("gateway-only wildcard host", vs("""
            hosts: ["*"]
            gateways: [istio-system/gw, gw]
            http:
            - route:
              - destination: {host: productpage, port: {number: 9080}}
            """)),
        Arguments.of("delegate VirtualService", vs("""
            http:
            - match: [{uri: {prefix: /reviews}}]
              route:
              - destination: {host: reviews}
            """)),
        Arguments.of("CORS policy", rule("""
            - route:
              - destination: {host: reviews}
              corsPolicy:
                allowOrigins: [{exact: "https://example.com"}, {regex: "https://.*\\\\.example\\\\.com"}]
                allowMethods: [GET, POST, "*"]
                allowHeaders: [authorization, "*"]
                maxAge: 24h
            """)),
        Arguments.of("tls and tcp routes", vs("""
            hosts: ["*.example.com"]
            gateways: [gw]
            tls:
            - match: [{sniHosts: [a.example.com], port: 443}]
              route:
              - destination: {host: a, port: {number: 443}}
            tcp:
            - match: [{port: 31400, destinationSubnets: [10.0.0.0/8]}]
              route:
              - destination: {host: db}
            """)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validRules")
  void validVirtualServiceHasNoWebhookFindings(String name, String yaml) {
    assertThat(webhook(yaml)).isEmpty();
  }

  @Test
  void retryOnWithSpacesExplainsTheCommaList() {
    List<Diagnostic> found = webhook(rule("""
        - route:
          - destination: {host: reviews}
          retries: {attempts: 2, retryOn: "5xx, reset"}
        """));
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("\" reset\" is not a valid retryOn policy");
      assertThat(d.hint()).contains("without spaces");
    });
  }

  @Test
  void misspelledRetryOnPolicyGetsADidYouMean() {
    List<Diagnostic> found = webhook(rule("""
        - route:
          - destination: {host: reviews}
          retries: {attempts: 2, retryOn: connect-failures}
        """));
    assertThat(found).singleElement().satisfies(d -> assertThat(d.hint()).startsWith("did you mean connect-failure?"));
  }

  @Test
  void meshIsListedSoTheWildcardHostIsRejected() {
    List<Diagnostic> found = webhook(vs("""
        hosts: ["*"]
        gateways: [gw, mesh]
        http:
        - route:
          - destination: {host: reviews}
        """));
    assertThat(found).extracting(Diagnostic::code).containsExactly("TL2207");
  }
}
