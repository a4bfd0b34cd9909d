package io.trafficlab.engine.config.schema;

import static io.trafficlab.engine.config.schema.SchemaFixtures.deployment;
import static io.trafficlab.engine.config.schema.SchemaFixtures.dr;
import static io.trafficlab.engine.config.schema.SchemaFixtures.gw;
import static io.trafficlab.engine.config.schema.SchemaFixtures.read;
import static io.trafficlab.engine.config.schema.SchemaFixtures.service;
import static io.trafficlab.engine.config.schema.SchemaFixtures.vs;
import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.diag.Layer;
import io.trafficlab.engine.config.model.Resource;
import io.trafficlab.engine.config.model.ResourceKind;
import io.trafficlab.engine.config.schema.SchemaFixtures.Read;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One rule per row: the YAML, the single error it must give, and words its text must contain. */
class SchemaValidatorTest {

  static Stream<Arguments> documentErrors() {
    return Stream.of(
        row("a list is not a document", "- a: 1\n", "TL0101", "", "found a list", "---"),
        row("kind is required", "apiVersion: v1\nmetadata: {name: a}\n", "TL0102", "kind",
            "missing required field \"kind\""),
        row("unknown kind names what is supported",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n", "TL0103", "kind",
            "unsupported kind \"ConfigMap\"", "VirtualService", "Deployment (apps/v1)"),
        row("Gateway API route kind is called the Gateway API",
            "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: a}\n",
            "TL0103", "kind", "Kubernetes Gateway API"),
        row("kind is case-sensitive",
            "apiVersion: networking.istio.io/v1\nkind: virtualService\nmetadata: {name: a}\n",
            "TL0103", "kind", "kind is case-sensitive: write kind: VirtualService"),
        row("Gateway API Gateway is not an Istio Gateway",
            "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: a}\n"
                + "spec: {gatewayClassName: istio}\n",
            "TL0104", "apiVersion", "unsupported apiVersion \"gateway.networking.k8s.io/v1\"",
            "Kubernetes Gateway API", "networking.istio.io/v1"),
        row("unknown Istio version lists the served ones",
            "apiVersion: networking.istio.io/v2\nkind: VirtualService\nmetadata: {name: a}\n",
            "TL0104", "apiVersion", "networking.istio.io/v1, networking.istio.io/v1beta1, "
                + "networking.istio.io/v1alpha3"),
        row("Deployment is apps/v1",
            "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: a}\n", "TL0104",
            "apiVersion", "apps/v1"),
        row("apiVersion is required", "kind: Service\nmetadata: {name: a}\n", "TL0102",
            "apiVersion", "add apiVersion: v1"),
        row("metadata is required", "apiVersion: v1\nkind: Service\nspec: {}\n", "TL1009",
            "metadata", "missing required field \"metadata\" in Service"),
        row("metadata.name is required",
            "apiVersion: v1\nkind: Service\nmetadata: {namespace: x}\n", "TL1009",
            "metadata.name", "\"name\" in ObjectMeta", "add metadata: {name"),
        row("name is a DNS-1123 subdomain",
            "apiVersion: v1\nkind: Service\nmetadata: {name: Reviews_V1}\n", "TL0105",
            "metadata.name", "invalid metadata.name \"Reviews_V1\"", "RFC 1123 subdomain",
            "\"reviews-v1\""),
        row("namespace is a DNS-1123 label",
            "apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: my.team}\n", "TL0105",
            "metadata.namespace", "RFC 1123 label", "\"my-team\""),
        row("unknown metadata field gets a suggestion",
            "apiVersion: v1\nkind: Service\nmetadata: {name: a, lables: {app: a}}\n", "TL1001",
            "metadata.lables", "unknown field \"lables\" in ObjectMeta", "\"labels\""),
        row("label values are strings",
            "apiVersion: v1\nkind: Service\nmetadata: {name: a, labels: {version: 1}}\n",
            "TL1002", "metadata.labels.version", "must be a string, found integer 1",
            "version: \"1\""),
        row("label values follow the label rules",
            "apiVersion: v1\nkind: Service\nmetadata: {name: a, labels: {version: v1!}}\n",
            "TL0105", "metadata.labels.version", "invalid metadata.labels value \"v1!\""),
        row("label keys follow the qualified-name rules",
            "apiVersion: v1\nkind: Service\nmetadata: {name: a, labels: {'a b': x}}\n",
            "TL0105", "metadata.labels.a b", "labels key"),
        row("spec fields written at the top level are pointed to spec",
            "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a}\n"
                + "hosts: [reviews]\n",
            "TL1001", "hosts", "unknown field \"hosts\" in VirtualService", "spec: {hosts:"),
        row("a DestinationRule without spec misses its host",
            "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: a}\n",
            "TL1009", "spec", "missing required field \"spec\"", "host"));
  }

  static Stream<Arguments> schemaErrors() {
    return Stream.of(
        // unknown fields and typos
        row("typo among sibling fields", vs("hots: [reviews]"), "TL1001", "spec.hots",
            "unknown field \"hots\" in VirtualService", "did you mean \"hosts\"?"),
        row("unknown field lists the fields", dr("host: a\nfoo: 1"), "TL1001", "spec.foo",
            "DestinationRule fields: host, trafficPolicy, subsets, exportTo, workloadSelector"),
        row("case-only difference", dr("host: a\ntrafficPolicy:\n  outlierDetection:\n"
                + "    consecutive5XXErrors: 3"), "TL1001",
            "spec.trafficPolicy.outlierDetection.consecutive5XXErrors",
            "field names are case-sensitive: write \"consecutive5xxErrors\""),
        // types
        row("a string where a list is expected", vs("hosts: reviews"), "TL1002", "spec.hosts",
            "\"hosts\" must be a list, found string \"reviews\"", "hosts: [reviews]"),
        row("a quoted number is a string",
            gw("servers:\n- port: {number: \"80\", name: http, protocol: HTTP}\n  hosts: ['*']"),
            "TL1002", "spec.servers[0].port.number",
            "must be a non-negative integer, found string \"80\"", "remove the quotes: number: 80"),
        row("a boolean where a string is expected",
            vs("hosts: [a]\nhttp:\n- match:\n  - headers:\n      canary: {exact: true}\n"
                + "  route:\n  - destination: {host: a}"),
            "TL1002", "spec.http[0].match[0].headers.canary.exact", "found boolean true",
            "exact: \"true\""),
        row("a mapping where a list is expected",
            vs("hosts: [a]\nhttp:\n- match:\n    uri: {prefix: /a}\n  route:\n"
                + "  - destination: {host: a}"),
            "TL1002", "spec.http[0].match", "must be a list, found a mapping", "'- '"),
        row("a list where a mapping is expected",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination:\n    - host: a"),
            "TL1002", "spec.http[0].route[0].destination", "must be a mapping (Destination)",
            "remove the '- '"),
        row("yes is not a boolean in YAML 1.2",
            vs("hosts: [a]\nhttp:\n- match:\n  - uri: {prefix: /}\n    ignoreUriCase: yes\n"
                + "  route:\n  - destination: {host: a}"),
            "TL1002", "spec.http[0].match[0].ignoreUriCase", "must be a boolean",
            "write true or false"),
        // ranges
        row("uint32 can not be negative",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a, port: {number: -1}}"),
            "TL1008", "spec.http[0].route[0].destination.port.number", "out of range",
            "can not be negative"),
        row("int32 overflow",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n    weight: 3000000000"),
            "TL1008", "spec.http[0].route[0].weight", "3000000000 (allowed -2147483648 to "
                + "2147483647)"),
        row("a fraction is not an integer",
            dr("host: a\ntrafficPolicy:\n  connectionPool:\n    tcp: {maxConnections: 1.5}"),
            "TL1002", "spec.trafficPolicy.connectionPool.tcp.maxConnections",
            "must be an integer, found number 1.5"),
        row("double bounds from the CRD",
            dr("host: a\ntrafficPolicy:\n  retryBudget: {percent: 150}"), "TL1008",
            "spec.trafficPolicy.retryBudget.percent", "150 (allowed 0 to 100)"),
        // enums
        row("enum values are case-sensitive",
            dr("host: a\ntrafficPolicy:\n  loadBalancer: {simple: round_robin}"), "TL1003",
            "spec.trafficPolicy.loadBalancer.simple", "invalid value \"round_robin\"",
            "allowed values: UNSPECIFIED, LEAST_CONN, RANDOM, PASSTHROUGH, ROUND_ROBIN",
            "case-sensitive: write ROUND_ROBIN"),
        row("STRICT is a PeerAuthentication mode",
            dr("host: a\ntrafficPolicy:\n  tls: {mode: STRICT}"), "TL1003",
            "spec.trafficPolicy.tls.mode", "PeerAuthentication", "ISTIO_MUTUAL"),
        row("HTTPS is a protocol, not a TLS mode",
            gw("servers:\n- port: {number: 443, name: https, protocol: HTTPS}\n  hosts: ['*']\n"
                + "  tls: {mode: HTTPS, credentialName: c}"),
            "TL1003", "spec.servers[0].tls.mode", "SIMPLE"),
        row("enum typo gets the closest value",
            dr("host: a\ntrafficPolicy:\n  loadBalancer: {simple: RANDON}"), "TL1003",
            "spec.trafficPolicy.loadBalancer.simple", "did you mean RANDOM?"),
        // oneOf
        row("StringMatch takes one of exact, prefix, regex",
            vs("hosts: [a]\nhttp:\n- match:\n  - uri: {exact: /a, prefix: /b}\n  route:\n"
                + "  - destination: {host: a}"),
            "TL1004", "spec.http[0].match[0].uri.prefix",
            "only one of exact, prefix, regex may be set, found exact and prefix", "ORed"),
        row("simple and consistentHash exclude each other",
            dr("host: a\ntrafficPolicy:\n  loadBalancer:\n    simple: RANDOM\n"
                + "    consistentHash: {useSourceIp: true}"),
            "TL1004", "spec.trafficPolicy.loadBalancer.consistentHash", "simple, consistentHash"),
        row("one hash key",
            dr("host: a\ntrafficPolicy:\n  loadBalancer:\n    consistentHash: {httpHeaderName: x,"
                + " useSourceIp: true}"),
            "TL1004", "spec.trafficPolicy.loadBalancer.consistentHash.useSourceIp",
            "httpHeaderName, httpCookie, useSourceIp, httpQueryParameterName"),
        row("redirect port or derivePort",
            vs("hosts: [a]\nhttp:\n- redirect: {port: 8080, derivePort: FROM_REQUEST_PORT}"),
            "TL1004", "spec.http[0].redirect.derivePort", "port, derivePort"),
        row("one certificate source (CRD CEL rule)",
            gw("servers:\n- port: {number: 443, name: https, protocol: HTTPS}\n  hosts: ['*']\n"
                + "  tls: {mode: SIMPLE, credentialName: a, credentialNames: [b]}"),
            "TL1004", "spec.servers[0].tls.credentialNames", "credentialName, credentialNames"),
        // durations
        row("a quoted number has no unit",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n  timeout: \"10\""),
            "TL1006", "spec.http[0].timeout", "invalid duration \"10\": missing unit",
            "add a unit: 10s"),
        row("a bare number has no unit",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n  timeout: 10"),
            "TL1006", "spec.http[0].timeout", "missing unit"),
        row("unknown duration unit",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n  timeout: 10sec"),
            "TL1006", "spec.http[0].timeout", "unknown unit \"sec\"", "write 10s"),
        row("no day unit",
            dr("host: a\ntrafficPolicy:\n  outlierDetection: {baseEjectionTime: 1d}"), "TL1006",
            "spec.trafficPolicy.outlierDetection.baseEjectionTime", "24h"),
        row("timeout 0s breaks the CEL rule",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n  timeout: 0s"),
            "TL1007", "spec.http[0].timeout", "must be a valid duration greater than 1ms",
            "omit timeout"),
        row("below one millisecond",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n  retries: "
                + "{attempts: 2, perTryTimeout: 500us}"),
            "TL1007", "spec.http[0].retries.perTryTimeout", "greater than 1ms"),
        row("outlier interval 0s",
            dr("host: a\ntrafficPolicy:\n  outlierDetection: {interval: 0s}"), "TL1007",
            "spec.trafficPolicy.outlierDetection.interval", "greater than 1ms"),
        // Percent
        row("Percent is a mapping with value",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n  fault:\n    abort:\n"
                + "      httpStatus: 500\n      percentage: 50"),
            "TL1002", "spec.http[0].fault.abort.percentage", "must be a mapping (Percent)",
            "percentage: {value: 50}"),
        // required
        row("destination.host is required",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination: {subset: v1}"), "TL1009",
            "spec.http[0].route[0].destination.host", "missing required field \"host\" in "
                + "Destination"),
        row("a route entry needs a destination",
            vs("hosts: [a]\nhttp:\n- route:\n  - weight: 100"), "TL1009",
            "spec.http[0].route[0].destination", "\"destination\" in HTTPRouteDestination"),
        row("subset name is required", dr("host: a\nsubsets:\n- labels: {version: v1}"), "TL1009",
            "spec.subsets[0].name", "\"name\" in Subset"),
        row("gateway port number is required",
            gw("servers:\n- port: {name: http, protocol: HTTP}\n  hosts: ['*']"), "TL1009",
            "spec.servers[0].port.number", "\"number\" in Port"),
        row("a server needs hosts",
            gw("servers:\n- port: {number: 80, name: http, protocol: HTTP}"), "TL1009",
            "spec.servers[0].hosts", "add hosts"),
        row("DestinationRule host is required", dr("subsets: []"), "TL1009", "spec.host",
            "\"host\" in DestinationRule"),
        row("tls routes need sniHosts",
            vs("hosts: [a]\ntls:\n- match: [{port: 443}]\n  route:\n  - destination: {host: a}"),
            "TL1009", "spec.tls[0].match[0].sniHosts", "sniHosts"),
        // proto names
        row("proto and JSON name of the same field",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n  mirror: {host: b}\n"
                + "  mirrorPercent: 5\n  mirror_percent: 5"),
            "TL1011", "spec.http[0].mirror_percent", "written twice"),
        row("snake_case typo still gets a suggestion",
            dr("host: a\ntrafficPolicy:\n  outlierDetection: {consecutive_5xx_error: 1}"),
            "TL1001", "spec.trafficPolicy.outlierDetection.consecutive_5xx_error",
            "\"consecutive5xxErrors\""),
        // lists
        row("at most two credentialNames",
            gw("servers:\n- port: {number: 443, name: https, protocol: HTTPS}\n  hosts: ['*']\n"
                + "  tls: {mode: SIMPLE, credentialNames: [a, b, c]}"),
            "TL1008", "spec.servers[0].tls.credentialNames", "3 items (at most 2)"),
        row("empty list item", vs("hosts:\n- a\n-\n"), "TL1002", "spec.hosts[1]",
            "found null", "remove the empty item"),
        row("presence match is {} not null",
            vs("hosts: [a]\nhttp:\n- match:\n  - headers:\n      x-debug:\n  route:\n"
                + "  - destination: {host: a}"),
            "TL1002", "spec.http[0].match[0].headers.x-debug", "x-debug: {}"),
        row("base64 body bytes",
            vs("hosts: [a]\nhttp:\n- directResponse: {status: 200, body: {bytes: '!!!'}}"),
            "TL1002", "spec.http[0].directResponse.body.bytes", "base64"));
  }

  /** istio-semantics §8: fields that do not exist, and what the hint must point to. */
  static Stream<Arguments> didYouMean() {
    String route = "hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n";
    return Stream.of(
        row("circuitBreakers plural", dr("host: a\ntrafficPolicy:\n  circuitBreakers:\n"
                + "    maxConnections: 1"), "TL1001", "spec.trafficPolicy.circuitBreakers",
            "connectionPool: {tcp: {maxConnections: 1}}", "outlierDetection"),
        row("circuitBreaker directly under spec",
            dr("host: a\ncircuitBreaker: {consecutiveErrors: 2}"), "TL1001",
            "spec.circuitBreaker", "under trafficPolicy",
            "outlierDetection: {consecutive5xxErrors: 2}"),
        row("maxEjectionPercentage", dr("host: a\ntrafficPolicy:\n  outlierDetection:\n"
                + "    maxEjectionPercentage: 50"), "TL1001",
            "spec.trafficPolicy.outlierDetection.maxEjectionPercentage", "maxEjectionPercent"),
        row("baseEjectionDuration", dr("host: a\ntrafficPolicy:\n  outlierDetection:\n"
                + "    baseEjectionDuration: 30s"), "TL1001",
            "spec.trafficPolicy.outlierDetection.baseEjectionDuration", "baseEjectionTime"),
        row("connectionPool.http.maxConnections", dr("host: a\ntrafficPolicy:\n"
                + "  connectionPool:\n    http: {maxConnections: 1}"), "TL1001",
            "spec.trafficPolicy.connectionPool.http.maxConnections",
            "connectionPool: {tcp: {maxConnections: 100}}"),
        row("connectionPool.maxConnections", dr("host: a\ntrafficPolicy:\n"
                + "  connectionPool: {maxConnections: 1}"), "TL1001",
            "spec.trafficPolicy.connectionPool.maxConnections", "tcp: {maxConnections: 1}"),
        row("tcp.http1MaxPendingRequests", dr("host: a\ntrafficPolicy:\n"
                + "  connectionPool:\n    tcp: {http1MaxPendingRequests: 1}"), "TL1001",
            "spec.trafficPolicy.connectionPool.tcp.http1MaxPendingRequests",
            "under spec.trafficPolicy.connectionPool http: {http1MaxPendingRequests: 1}"),
        row("http[].weight", vs(route + "  weight: 100"), "TL1001", "spec.http[0].weight",
            "each entry of route", "weight: 90"),
        row("spec.weight", vs(route + "weight: 100"), "TL1001", "spec.weight",
            "weight: 90"),
        row("weight under destination", vs("hosts: [a]\nhttp:\n- route:\n"
                + "  - destination: {host: a, weight: 10}"), "TL1001",
            "spec.http[0].route[0].destination.weight", "sibling"),
        row("route[].timeout", vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n"
                + "    timeout: 5s"), "TL1001", "spec.http[0].route[0].timeout",
            "set per HTTP rule, next to route"),
        row("spec.timeout", vs(route + "timeout: 5s"), "TL1001", "spec.timeout",
            "http: [{timeout: 5s"),
        row("http[].retry", vs(route + "  retry: {attempts: 3}"), "TL1001",
            "spec.http[0].retry", "the field is retries"),
        row("retries.attempt", vs(route + "  retries: {attempt: 3}"), "TL1001",
            "spec.http[0].retries.attempt", "attempts"),
        row("retryOn as a list", vs(route + "  retries:\n    attempts: 3\n    retryOn: [5xx, "
                + "reset]"), "TL1002", "spec.http[0].retries.retryOn",
            "comma-separated string", "retryOn: 5xx,reset"),
        row("fault.abort.percent", vs(route + "  fault:\n    abort: {httpStatus: 500, percent: 10}"),
            "TL1001", "spec.http[0].fault.abort.percent", "percentage: {value: 10}"),
        row("uri.startsWith", vs("hosts: [a]\nhttp:\n- match:\n  - uri: {startsWith: /api}\n"
                + "  route:\n  - destination: {host: a}"), "TL1001",
            "spec.http[0].match[0].uri.startsWith", "prefix"),
        row("uri.contains", vs("hosts: [a]\nhttp:\n- match:\n  - uri: {contains: api}\n"
                + "  route:\n  - destination: {host: a}"), "TL1001",
            "spec.http[0].match[0].uri.contains", "regex"),
        row("match.path", vs("hosts: [a]\nhttp:\n- match:\n  - path: {prefix: /api}\n"
                + "  route:\n  - destination: {host: a}"), "TL1001", "spec.http[0].match[0].path",
            "uri: {prefix: /api}"),
        row("match.header", vs("hosts: [a]\nhttp:\n- match:\n  - header: {x: {exact: y}}\n"
                + "  route:\n  - destination: {host: a}"), "TL1001",
            "spec.http[0].match[0].header", "headers"),
        row("match.queryParameters", vs("hosts: [a]\nhttp:\n- match:\n"
                + "  - queryParameters: {x: {exact: y}}\n  route:\n  - destination: {host: a}"),
            "TL1001", "spec.http[0].match[0].queryParameters", "queryParams"),
        row("withoutHeader", vs("hosts: [a]\nhttp:\n- match:\n  - withoutHeader: {x: {}}\n"
                + "  route:\n  - destination: {host: a}"), "TL1001",
            "spec.http[0].match[0].withoutHeader", "withoutHeaders"),
        row("destination.version", vs("hosts: [a]\nhttp:\n- route:\n"
                + "  - destination: {host: a, version: v1}"), "TL1001",
            "spec.http[0].route[0].destination.version", "subset: v1"),
        row("destination.port as a number", vs("hosts: [a]\nhttp:\n- route:\n"
                + "  - destination: {host: a, port: 9080}"), "TL1002",
            "spec.http[0].route[0].destination.port", "port: {number: 9080}"),
        row("subsets[].selector", dr("host: a\nsubsets:\n- name: v1\n  selector: {version: v1}"),
            "TL1001", "spec.subsets[0].selector", "labels: {version: v1}"),
        row("DestinationRule hosts", dr("host: a\nhosts: [a, b]"), "TL1001", "spec.hosts",
            "one host", "host: reviews"),
        row("Gateway servers[].host", gw("servers:\n- port: {number: 80, name: http, protocol: "
                + "HTTP}\n  hosts: ['*']\n  host: a.example.com"), "TL1001",
            "spec.servers[0].host", "hosts is a list"),
        row("tls.secretName", gw("servers:\n- port: {number: 443, name: https, protocol: HTTPS}\n"
                + "  hosts: ['*']\n  tls: {mode: SIMPLE, secretName: cert}"), "TL1001",
            "spec.servers[0].tls.secretName", "credentialName"),
        row("loadBalancer as a scalar", dr("host: a\ntrafficPolicy:\n  loadBalancer: ROUND_ROBIN"),
            "TL1002", "spec.trafficPolicy.loadBalancer", "loadBalancer: {simple: ROUND_ROBIN}"),
        row("outlierDetection fields directly under trafficPolicy",
            dr("host: a\ntrafficPolicy:\n  interval: 10s"), "TL1001",
            "spec.trafficPolicy.interval", "outlierDetection: {interval: 10s}"),
        row("misplaced field found in an enclosing object",
            vs(route + "  corsPolicy: {allowMethods: [GET], fault: {}}"), "TL1001",
            "spec.http[0].corsPolicy.fault", "is a field of HTTPRoute (spec.http[0])"));
  }

  private static Arguments row(String name, String yaml, String code, String path,
      String... words) {
    return Arguments.of(name, yaml, code, path, List.of(words));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"documentErrors", "schemaErrors", "didYouMean"})
  void invalidInputGivesOneErrorWithCodePathAndWords(String name, String yaml, String code,
      String path, List<String> words) {
    Read r = read(yaml);
    assertThat(r.errors()).as(name).hasSize(1);
    Diagnostic d = r.errors().get(0);
    assertThat(d.code()).as(name + ": " + d.render()).isEqualTo(code);
    assertThat(d.path()).as(name).isEqualTo(path);
    assertThat(d.layer()).isEqualTo(Layer.SCHEMA);
    assertThat(d.line()).as(name).isPositive();
    assertThat(d.message() + " | " + d.hint()).as(name).contains(words);
    assertThat(r.resources()).as(name + ": no resource from a document with a schema error")
        .isEmpty();
  }

  static Stream<Arguments> validInputs() {
    String route = "hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n";
    return Stream.of(
        Arguments.of("Go durations", vs(route + "  timeout: 1.5s\n  retries: {attempts: 2, "
            + "perTryTimeout: 100ms, backoff: 1h30m}")),
        Arguments.of("1.5ms passes the schema (ms precision is the webhook's rule)",
            vs(route + "  timeout: 1.5ms")),
        Arguments.of("tcp.idleTimeout 0s disables it",
            dr("host: a\ntrafficPolicy:\n  connectionPool:\n    tcp: {idleTimeout: 0s}")),
        Arguments.of("cookie ttl 0s is a session cookie",
            dr("host: a\ntrafficPolicy:\n  loadBalancer:\n    consistentHash:\n"
                + "      httpCookie: {name: u, ttl: 0s}")),
        Arguments.of("proto names", dr("host: a\ntrafficPolicy:\n  outlier_detection:\n"
            + "    consecutive_5xx_errors: 3\n    base_ejection_time: 30s\n  connection_pool:\n"
            + "    http: {http1_max_pending_requests: 1}")),
        Arguments.of("mirror_percent, the CRD's own alias",
            vs(route + "  mirror: {host: b}\n  mirror_percent: 5")),
        Arguments.of("negative weight is the webhook's business",
            vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n    weight: -10")),
        Arguments.of("unknown retryOn policy is the webhook's business",
            vs(route + "  retries: {attempts: 3, retryOn: '5xx,timeout'}")),
        Arguments.of("short gateway host is the webhook's business",
            gw("servers:\n- port: {number: 80, name: http, protocol: HTTP}\n  hosts: [productpage]")),
        Arguments.of("port 70000 and lowercase protocol are the webhook's business",
            gw("servers:\n- port: {number: 70000, name: http, protocol: http}\n  hosts: ['*']")),
        Arguments.of("percentage 150 is the webhook's business",
            vs(route + "  fault: {abort: {httpStatus: 500, percentage: {value: 150}}}")),
        Arguments.of("subset name with a dot is the webhook's business",
            dr("host: a\nsubsets:\n- name: v1.0\n  labels: {version: v1}")),
        Arguments.of("null counts as absent", dr("host: a\ntrafficPolicy:\nsubsets:")),
        Arguments.of("empty StringMatch is a presence match",
            vs("hosts: [a]\nhttp:\n- match:\n  - headers: {x-debug: {}}\n  route:\n"
                + "  - destination: {host: a}")),
        Arguments.of("server-set metadata fields are tolerated",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: prod\n"
                + "  uid: 6f1e\n  resourceVersion: '12345'\n  generation: 3\n"
                + "  creationTimestamp: '2024-01-01T00:00:00Z'\n  managedFields: [{manager: "
                + "kubectl}]\n  annotations: {kubectl.kubernetes.io/last-applied-configuration: "
                + "'{}'}\nspec:\n  ports: [{port: 80}]\nstatus: {loadBalancer: {}}\n"),
        Arguments.of("Deployment is lenient below template.spec",
            deployment("replicas: 2\nselector: {matchLabels: {app: web}}\nstrategy: {type: "
                + "RollingUpdate}\ntemplate:\n  metadata: {labels: {app: web}}\n  spec:\n"
                + "    serviceAccountName: web\n    volumes: [{name: v, emptyDir: {}}]\n"
                + "    containers:\n    - name: web\n      image: nginx\n      resources: "
                + "{limits: {cpu: 1}}\n      ports:\n      - {containerPort: 8080, name: http}")),
        Arguments.of("Service with named targetPort and type",
            service("type: ClusterIP\nselector: {app: web}\nports:\n- {name: http, port: 80, "
                + "targetPort: http, protocol: TCP}\n- {name: grpc, port: 90, targetPort: 9090}")),
        Arguments.of("gateway name with dots is a valid subdomain (label rule is the webhook's)",
            SchemaFixtures.doc("networking.istio.io/v1", "Gateway", "my.gateway",
                "servers:\n- port: {number: 80, name: http, protocol: HTTP}\n  hosts: ['*']")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validInputs")
  void validInputPassesTheSchemaLayer(String name, String yaml) {
    Read r = read(yaml);
    assertThat(r.diagnostics()).as(name).extracting(Diagnostic::render).isEmpty();
    assertThat(r.resources()).as(name).hasSize(1);
  }

  @Test
  void unknownFieldPointsAtTheKey() {
    Read r = read(dr("host: a\ntrafficPolicy:\n  connectionPool:\n    tcp:\n"
        + "      maxConnections: 1\n    circuitBreaker: {}"));
    Diagnostic d = r.errors().get(0);
    assertThat(d.line()).isEqualTo(11);
    assertThat(d.column()).isEqualTo(7);
    assertThat(d.file()).isEqualTo("t.yaml");
  }

  @Test
  void everySchemaErrorOfADocumentIsReported() {
    Read r = read(vs("""
        hots: [a]
        http:
        - route:
          - destination: {host: a, version: v1}
            weight: "10"
          timeout: 0s
          retries: {attempt: 3}
        """));
    assertThat(r.errors()).extracting(Diagnostic::path).containsExactly(
        "spec.hots", "spec.http[0].route[0].destination.version", "spec.http[0].route[0].weight",
        "spec.http[0].timeout", "spec.http[0].retries.attempt");
    assertThat(r.errors()).extracting(Diagnostic::resource)
        .containsOnly("VirtualService default/reviews");
  }

  @Test
  void errorsAreCappedPerDocument() {
    StringBuilder spec = new StringBuilder("hosts: [a]\n");
    for (int i = 0; i < 70; i++) {
      spec.append("unknown").append(i).append(": 1\n");
    }
    Read r = read(vs(spec.toString()));
    assertThat(r.errors()).hasSize(SchemaChecker.MAX_ERRORS);
    assertThat(r.diagnostics()).extracting(Diagnostic::code).contains("TL1012");
  }

  @Test
  void manyUnknownFieldsStayFast() {
    StringBuilder spec = new StringBuilder("hosts: [a]\nhttp:\n");
    for (int i = 0; i < 2000; i++) {
      spec.append("- route: [{destination: {host: a}}]\n  unknownField").append(i).append(": 1\n");
    }
    String yaml = vs(spec.toString());
    Read r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20), () -> read(yaml));
    assertThat(r.errors()).hasSize(SchemaChecker.MAX_ERRORS);
  }

  @Test
  void aHeaderValueWrittenAsAStringGetsTheExactForm() {
    Read r = read(vs("hosts: [a]\nhttp:\n- match:\n  - headers: {end-user: jason}\n  route:\n"
        + "  - destination: {host: a}"));
    assertThat(r.errors()).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo(
          "\"end-user\" must be a mapping (StringMatch), found string \"jason\"");
      assertThat(d.hint()).isEqualTo("write end-user: {exact: jason}");
    });
  }

  @Test
  void metadataWrittenAsANameGetsTheMappingForm() {
    Read r = read("apiVersion: v1\nkind: Service\nmetadata: web\n");
    assertThat(r.errors()).singleElement().satisfies(d -> {
      assertThat(d.path()).isEqualTo("metadata");
      assertThat(d.hint()).isEqualTo("write metadata: {name: web}");
    });
  }

  @Test
  void eachDocumentIsCheckedOnItsOwn() {
    Read r = read(vs("hosts: [a]") + "---\n" + dr("hots: a") + "---\n" + gw("servers: []"));
    assertThat(r.resources()).extracting(Resource::kind)
        .containsExactly(ResourceKind.VIRTUAL_SERVICE, ResourceKind.GATEWAY);
    assertThat(r.errors()).extracting(Diagnostic::path).containsExactly("spec.hots", "spec.host");
  }

  @Test
  void validDocumentBecomesAResourceWithDefaultedNamespace() {
    Read r = read(vs("hosts: [reviews]"));
    Resource res = r.resources().get(0);
    assertThat(res.kind()).isEqualTo(ResourceKind.VIRTUAL_SERVICE);
    assertThat(res.apiVersion()).isEqualTo("networking.istio.io/v1");
    assertThat(res.name()).isEqualTo("reviews");
    assertThat(res.namespace()).isEqualTo("default");
    assertThat(res.spec().has("hosts")).isTrue();
  }

  @Test
  void allThreeIstioApiVersionsShareOneSchema() {
    for (String v : List.of("v1", "v1beta1", "v1alpha3")) {
      Read r = read(SchemaFixtures.doc("networking.istio.io/" + v, "DestinationRule", "a",
          "host: a\ntrafficPolicy: {circuitBreaker: {}}"));
      assertThat(r.errors()).as(v).extracting(Diagnostic::code).containsExactly("TL1001");
    }
  }

  @Test
  void emptyDocumentsAreSkippedSilently() {
    Read r = read("---\n" + vs("hosts: [a]") + "---\n");
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.resources()).hasSize(1);
  }

  @Test
  void frontEndDropsDocumentsWithSchemaErrorsAndKeepsTheOthers() {
    FrontEndResult result = new ConfigFrontEnd().validate("f.yaml",
        vs("hosts: [a]\nhttp:\n- route:\n  - destination: {host: a}\n  timeout: 0s") + "---\n"
            + dr("host: a"), "default", Optional.empty());
    assertThat(result.admissible()).isFalse();
    assertThat(result.config().resources()).extracting(Resource::kind)
        .containsExactly(ResourceKind.DESTINATION_RULE);
    assertThat(result.errors()).extracting(Diagnostic::render).containsExactly(
        "error[TL1007] f.yaml:10:14 spec.http[0].timeout: invalid duration \"0s\" for \"timeout\": "
            + "must be a valid duration greater than 1ms (VirtualService default/reviews)");
  }

  @Test
  void deploymentAndServiceFieldsWeReadAreTyped() {
    Read r = read(deployment("replica: 2\nselector: {matchLabels: {app: web}}\ntemplate:\n"
        + "  metadata: {labels: {app: web}}\n  spec:\n    containers:\n    - name: web\n"
        + "      ports:\n      - containerPort: \"8080\"") + "---\n"
        + service("ports:\n- {port: 80, protocol: tcp}\ntype: clusterIP"));
    assertThat(r.errors()).extracting(d -> d.path() + " " + d.code()).containsExactly(
        "spec.replica TL1001",
        "spec.template.spec.containers[0].ports[0].containerPort TL1002",
        "spec.ports[0].protocol TL1003",
        "spec.type TL1003");
    assertThat(r.errors().get(0).hint()).contains("\"replicas\"");
    assertThat(r.errors().get(2).hint()).contains("write TCP");
  }

  @Test
  void deploymentNeedsSelectorTemplateAndContainers() {
    Read r = read(deployment("replicas: 1\ntemplate:\n  spec:\n    containers: []"));
    assertThat(r.errors()).extracting(Diagnostic::path)
        .containsExactly("spec.template.spec.containers", "spec.selector");
  }
}
