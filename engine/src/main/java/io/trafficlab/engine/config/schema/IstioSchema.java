package io.trafficlab.engine.config.schema;

import static io.trafficlab.engine.config.schema.Type.BOOL;
import static io.trafficlab.engine.config.schema.Type.BYTES;
import static io.trafficlab.engine.config.schema.Type.DOUBLE;
import static io.trafficlab.engine.config.schema.Type.DURATION;
import static io.trafficlab.engine.config.schema.Type.DURATION_1MS;
import static io.trafficlab.engine.config.schema.Type.INT32;
import static io.trafficlab.engine.config.schema.Type.STRING;
import static io.trafficlab.engine.config.schema.Type.STRINGS;
import static io.trafficlab.engine.config.schema.Type.STRING_MAP;
import static io.trafficlab.engine.config.schema.Type.UINT32;
import static io.trafficlab.engine.config.schema.Type.UINT64;
import static io.trafficlab.engine.config.schema.Type.doubleAtLeast;
import static io.trafficlab.engine.config.schema.Type.doubleIn;
import static io.trafficlab.engine.config.schema.Type.enumOf;
import static io.trafficlab.engine.config.schema.Type.listOf;
import static io.trafficlab.engine.config.schema.Type.mapOf;

import io.trafficlab.engine.config.schema.Type.Obj;

/**
 * The spec schemas of Gateway, VirtualService and DestinationRule, transcribed from istio/api
 * {@code kubernetes/customresourcedefinitions.gen.yaml} (the v1, v1beta1 and v1alpha3 schemas are
 * identical). Every message and field of the CRD is here, including the ones the engine ignores, so
 * that any configuration a cluster accepts passes. Field names are the CRD's JSON names; proto
 * (snake_case) names are accepted by the walker. Durations carry the CRD's CEL rule
 * {@code duration(self) >= duration('1ms')} except where the CRD omits it (tcp.idleTimeout, cookie
 * ttl). Ranges beyond the CRD's (weights, ports 1-65535, percentages) are layer 2.
 */
final class IstioSchema {

  private IstioSchema() {}

  // ---- shared ----

  static final Obj STRING_MATCH = Obj.named("StringMatch")
      .opt("exact", STRING)
      .opt("prefix", STRING)
      .opt("regex", STRING)
      .oneOf("exact", "prefix", "regex")
      .scalarMeans("exact")
      .build();

  static final Obj PORT_SELECTOR = Obj.named("PortSelector")
      .opt("number", UINT32)
      .scalarMeans("number")
      .build();

  static final Obj WORKLOAD_SELECTOR = Obj.named("WorkloadSelector")
      .opt("matchLabels", STRING_MAP)
      .build();

  // ---- VirtualService ----

  static final Obj DESTINATION = Obj.named("Destination")
      .req("host", STRING)
      .opt("subset", STRING)
      .opt("port", PORT_SELECTOR)
      .scalarMeans("host")
      .build();

  static final Obj HEADER_OPERATIONS = Obj.named("Headers.HeaderOperations")
      .opt("set", STRING_MAP)
      .opt("add", STRING_MAP)
      .opt("remove", STRINGS)
      .build();

  static final Obj HEADERS = Obj.named("Headers")
      .opt("request", HEADER_OPERATIONS)
      .opt("response", HEADER_OPERATIONS)
      .build();

  static final Obj PERCENT = Obj.named("Percent")
      .opt("value", DOUBLE)
      .scalarMeans("value")
      .build();

  static final Obj HTTP_MATCH_REQUEST = Obj.named("HTTPMatchRequest")
      .opt("name", STRING)
      .opt("uri", STRING_MATCH)
      .opt("scheme", STRING_MATCH)
      .opt("method", STRING_MATCH)
      .opt("authority", STRING_MATCH)
      .opt("headers", mapOf(STRING_MATCH))
      .opt("port", UINT32)
      .opt("sourceLabels", STRING_MAP)
      .opt("gateways", STRINGS)
      .opt("queryParams", mapOf(STRING_MATCH))
      .opt("ignoreUriCase", BOOL)
      .opt("withoutHeaders", mapOf(STRING_MATCH))
      .opt("sourceNamespace", STRING)
      .opt("statPrefix", STRING)
      .build();

  static final Obj HTTP_ROUTE_DESTINATION = Obj.named("HTTPRouteDestination")
      .req("destination", DESTINATION)
      .opt("weight", INT32)
      .opt("headers", HEADERS)
      .build();

  static final Obj DELEGATE = Obj.named("Delegate")
      .opt("name", STRING)
      .opt("namespace", STRING)
      .build();

  static final Obj HTTP_REDIRECT = Obj.named("HTTPRedirect")
      .opt("uri", STRING)
      .opt("authority", STRING)
      .opt("port", UINT32)
      .opt("derivePort", enumOf("FROM_PROTOCOL_DEFAULT", "FROM_REQUEST_PORT"))
      .opt("scheme", STRING)
      .opt("redirectCode", UINT32)
      // api d732fb62c (1.31, alpha): rewrite the matched prefix on redirect
      .opt("prefixRewrite", STRING)
      .oneOf("port", "derivePort")
      .build();

  static final Obj HTTP_BODY = Obj.named("HTTPBody")
      .opt("string", STRING)
      .opt("bytes", BYTES)
      .oneOf("string", "bytes")
      .scalarMeans("string")
      .build();

  static final Obj HTTP_DIRECT_RESPONSE = Obj.named("HTTPDirectResponse")
      .req("status", UINT32)
      .opt("body", HTTP_BODY)
      .build();

  static final Obj REGEX_REWRITE = Obj.named("RegexRewrite")
      .opt("match", STRING)
      .opt("rewrite", STRING)
      .build();

  static final Obj HTTP_REWRITE = Obj.named("HTTPRewrite")
      .opt("uri", STRING)
      .opt("authority", STRING)
      .opt("uriRegexRewrite", REGEX_REWRITE)
      .build();

  static final Obj HTTP_RETRY = Obj.named("HTTPRetry")
      .opt("attempts", INT32)
      .opt("perTryTimeout", DURATION_1MS)
      .opt("retryOn", STRING)
      .opt("retryRemoteLocalities", BOOL)
      .opt("retryIgnorePreviousHosts", BOOL)
      .opt("backoff", DURATION_1MS)
      .scalarMeans("attempts")
      .build();

  static final Obj CORS_POLICY = Obj.named("CorsPolicy")
      .opt("allowOrigin", STRINGS)
      .opt("allowOrigins", listOf(STRING_MATCH))
      .opt("allowMethods", STRINGS)
      .opt("allowHeaders", STRINGS)
      .opt("exposeHeaders", STRINGS)
      .opt("maxAge", DURATION_1MS)
      .opt("allowCredentials", BOOL)
      .opt("unmatchedPreflights", enumOf("UNSPECIFIED", "FORWARD", "IGNORE"))
      .build();

  static final Obj FAULT_DELAY = Obj.named("HTTPFaultInjection.Delay")
      .opt("percent", INT32)
      .opt("fixedDelay", DURATION_1MS)
      .opt("exponentialDelay", DURATION_1MS)
      .opt("percentage", PERCENT)
      .oneOf("fixedDelay", "exponentialDelay")
      .build();

  static final Obj FAULT_ABORT = Obj.named("HTTPFaultInjection.Abort")
      .opt("httpStatus", INT32)
      .opt("grpcStatus", STRING)
      .opt("http2Error", STRING)
      .opt("percentage", PERCENT)
      .oneOf("httpStatus", "grpcStatus", "http2Error")
      .build();

  static final Obj HTTP_FAULT_INJECTION = Obj.named("HTTPFaultInjection")
      .opt("delay", FAULT_DELAY)
      .opt("abort", FAULT_ABORT)
      .build();

  static final Obj HTTP_MIRROR_POLICY = Obj.named("HTTPMirrorPolicy")
      .req("destination", DESTINATION)
      .opt("percentage", PERCENT)
      .build();

  static final Obj HTTP_ROUTE = Obj.named("HTTPRoute")
      .opt("name", STRING)
      .opt("match", listOf(HTTP_MATCH_REQUEST))
      .opt("route", listOf(HTTP_ROUTE_DESTINATION))
      .opt("redirect", HTTP_REDIRECT)
      .opt("directResponse", HTTP_DIRECT_RESPONSE)
      .opt("delegate", DELEGATE)
      .opt("rewrite", HTTP_REWRITE)
      .opt("timeout", DURATION_1MS)
      .opt("retries", HTTP_RETRY)
      .opt("fault", HTTP_FAULT_INJECTION)
      .opt("mirror", DESTINATION)
      .opt("mirrors", listOf(HTTP_MIRROR_POLICY))
      .opt("mirrorPercent", UINT32)
      .opt("mirrorPercentage", PERCENT)
      .opt("corsPolicy", CORS_POLICY)
      .opt("headers", HEADERS)
      .build();

  static final Obj L4_MATCH = Obj.named("L4MatchAttributes")
      .opt("destinationSubnets", STRINGS)
      .opt("port", UINT32)
      .opt("sourceSubnet", STRING)
      .opt("sourceLabels", STRING_MAP)
      .opt("gateways", STRINGS)
      .opt("sourceNamespace", STRING)
      .build();

  static final Obj TLS_MATCH = Obj.named("TLSMatchAttributes")
      .req("sniHosts", STRINGS)
      .opt("destinationSubnets", STRINGS)
      .opt("port", UINT32)
      .opt("sourceLabels", STRING_MAP)
      .opt("gateways", STRINGS)
      .opt("sourceNamespace", STRING)
      .build();

  static final Obj ROUTE_DESTINATION = Obj.named("RouteDestination")
      .req("destination", DESTINATION)
      .opt("weight", INT32)
      .build();

  static final Obj TCP_ROUTE = Obj.named("TCPRoute")
      .opt("match", listOf(L4_MATCH))
      .opt("route", listOf(ROUTE_DESTINATION))
      .build();

  static final Obj TLS_ROUTE = Obj.named("TLSRoute")
      .req("match", listOf(TLS_MATCH))
      .opt("route", listOf(ROUTE_DESTINATION))
      .build();

  static final Obj VIRTUAL_SERVICE = Obj.named("VirtualService")
      .opt("hosts", STRINGS)
      .opt("gateways", STRINGS)
      .opt("http", listOf(HTTP_ROUTE))
      .opt("tls", listOf(TLS_ROUTE))
      .opt("tcp", listOf(TCP_ROUTE))
      .opt("exportTo", STRINGS)
      .build();

  // ---- Gateway ----

  static final Obj PORT = Obj.named("Port")
      .req("number", UINT32)
      .req("protocol", STRING)
      .req("name", STRING)
      .opt("targetPort", UINT32)
      .scalarMeans("number")
      .build();

  static final Obj TLS_CERTIFICATE = Obj.named("ServerTLSSettings.TLSCertificate")
      .opt("serverCertificate", STRING)
      .opt("privateKey", STRING)
      .opt("caCertificates", STRING)
      .build();

  private static final Type.EnumOf TLS_PROTOCOL =
      enumOf("TLS_AUTO", "TLSV1_0", "TLSV1_1", "TLSV1_2", "TLSV1_3");

  static final Obj SERVER_TLS = Obj.named("ServerTLSSettings")
      .opt("httpsRedirect", BOOL)
      .opt("mode", enumOf("PASSTHROUGH", "SIMPLE", "MUTUAL", "AUTO_PASSTHROUGH", "ISTIO_MUTUAL",
          "OPTIONAL_MUTUAL"))
      .opt("serverCertificate", STRING)
      .opt("privateKey", STRING)
      .opt("caCertificates", STRING)
      .opt("caCrl", STRING)
      .opt("credentialName", STRING)
      .opt("credentialNames", listOf(STRING, 1, 2))
      .opt("tlsCertificates", listOf(TLS_CERTIFICATE, 1, 2))
      .opt("caCertCredentialName", STRING)
      .opt("subjectAltNames", STRINGS)
      .opt("verifyCertificateSpki", STRINGS)
      .opt("verifyCertificateHash", STRINGS)
      .opt("minProtocolVersion", TLS_PROTOCOL)
      .opt("maxProtocolVersion", TLS_PROTOCOL)
      .opt("cipherSuites", STRINGS)
      // the CRD's CEL rules (its third rule repeats the first, so credentialName with
      // tlsCertificates is left to the webhook)
      .oneOf("credentialName", "credentialNames")
      .oneOf("credentialNames", "tlsCertificates")
      .build();

  static final Obj SERVER = Obj.named("Server")
      .req("port", PORT)
      .opt("bind", STRING)
      .req("hosts", STRINGS)
      .opt("tls", SERVER_TLS)
      .opt("defaultEndpoint", STRING)
      .opt("name", STRING)
      .build();

  static final Obj GATEWAY = Obj.named("Gateway")
      .opt("servers", listOf(SERVER))
      .opt("selector", STRING_MAP)
      .build();

  // ---- DestinationRule ----

  static final Obj TCP_KEEPALIVE = Obj.named("ConnectionPoolSettings.TCPSettings.TcpKeepalive")
      .opt("probes", UINT32)
      .opt("time", DURATION_1MS)
      .opt("interval", DURATION_1MS)
      .build();

  static final Obj TCP_SETTINGS = Obj.named("ConnectionPoolSettings.TCPSettings")
      .opt("maxConnections", INT32)
      .opt("connectTimeout", DURATION_1MS)
      .opt("tcpKeepalive", TCP_KEEPALIVE)
      .opt("maxConnectionDuration", DURATION_1MS)
      // no CEL rule: 0s disables the idle timeout
      .opt("idleTimeout", DURATION)
      .build();

  static final Obj HTTP_SETTINGS = Obj.named("ConnectionPoolSettings.HTTPSettings")
      .opt("http1MaxPendingRequests", INT32)
      .opt("http2MaxRequests", INT32)
      .opt("maxRequestsPerConnection", INT32)
      .opt("maxRetries", INT32)
      .opt("idleTimeout", DURATION_1MS)
      .opt("h2UpgradePolicy", enumOf("DEFAULT", "DO_NOT_UPGRADE", "UPGRADE"))
      .opt("useClientProtocol", BOOL)
      .opt("maxConcurrentStreams", INT32)
      .build();

  static final Obj CONNECTION_POOL = Obj.named("ConnectionPoolSettings")
      .opt("tcp", TCP_SETTINGS)
      .opt("http", HTTP_SETTINGS)
      .build();

  static final Obj OUTLIER_DETECTION = Obj.named("OutlierDetection")
      .opt("consecutiveErrors", INT32)
      .opt("splitExternalLocalOriginErrors", BOOL)
      .opt("consecutiveLocalOriginFailures", UINT32)
      .opt("consecutiveGatewayErrors", UINT32)
      .opt("consecutive5xxErrors", UINT32)
      .opt("interval", DURATION_1MS)
      .opt("baseEjectionTime", DURATION_1MS)
      .opt("maxEjectionPercent", INT32)
      .opt("minHealthPercent", INT32)
      .build();

  static final Obj COOKIE_ATTRIBUTE = Obj.named("HTTPCookie.Attribute")
      .req("name", STRING)
      .opt("value", STRING)
      .build();

  static final Obj HTTP_COOKIE = Obj.named("LoadBalancerSettings.ConsistentHashLB.HTTPCookie")
      .req("name", STRING)
      .opt("path", STRING)
      // no CEL rule: 0s means a session cookie
      .opt("ttl", DURATION)
      .opt("attributes", listOf(COOKIE_ATTRIBUTE))
      .build();

  static final Obj RING_HASH = Obj.named("LoadBalancerSettings.ConsistentHashLB.RingHash")
      .opt("minimumRingSize", UINT64)
      .build();

  static final Obj MAGLEV = Obj.named("LoadBalancerSettings.ConsistentHashLB.MagLev")
      .opt("tableSize", UINT64)
      .build();

  static final Obj CONSISTENT_HASH = Obj.named("LoadBalancerSettings.ConsistentHashLB")
      .opt("httpHeaderName", STRING)
      .opt("httpCookie", HTTP_COOKIE)
      .opt("useSourceIp", BOOL)
      .opt("httpQueryParameterName", STRING)
      .opt("ringHash", RING_HASH)
      .opt("maglev", MAGLEV)
      .opt("minimumRingSize", UINT64)
      .oneOf("httpHeaderName", "httpCookie", "useSourceIp", "httpQueryParameterName")
      .oneOf("ringHash", "maglev")
      .build();

  static final Obj LOCALITY_DISTRIBUTE = Obj.named("LocalityLoadBalancerSetting.Distribute")
      .opt("from", STRING)
      .opt("to", mapOf(UINT32))
      .build();

  static final Obj LOCALITY_FAILOVER = Obj.named("LocalityLoadBalancerSetting.Failover")
      .opt("from", STRING)
      .opt("to", STRING)
      .build();

  static final Obj LOCALITY_LB = Obj.named("LocalityLoadBalancerSetting")
      .opt("distribute", listOf(LOCALITY_DISTRIBUTE))
      .opt("failover", listOf(LOCALITY_FAILOVER))
      .opt("failoverPriority", STRINGS)
      .opt("enabled", BOOL)
      .build();

  static final Obj WARMUP = Obj.named("WarmupConfiguration")
      .req("duration", DURATION_1MS)
      .opt("minimumPercent", doubleIn(0, 100))
      .opt("aggression", doubleAtLeast(0))
      .build();

  static final Obj LOAD_BALANCER = Obj.named("LoadBalancerSettings")
      .opt("simple", enumOf("UNSPECIFIED", "LEAST_CONN", "RANDOM", "PASSTHROUGH", "ROUND_ROBIN",
          "LEAST_REQUEST"))
      .opt("consistentHash", CONSISTENT_HASH)
      .opt("localityLbSetting", LOCALITY_LB)
      .opt("warmupDurationSecs", DURATION_1MS)
      .opt("warmup", WARMUP)
      .oneOf("simple", "consistentHash")
      .scalarMeans("simple")
      .build();

  static final Obj CLIENT_TLS = Obj.named("ClientTLSSettings")
      .opt("mode", enumOf("DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"))
      .opt("clientCertificate", STRING)
      .opt("privateKey", STRING)
      .opt("caCertificates", STRING)
      .opt("credentialName", STRING)
      .opt("subjectAltNames", STRINGS)
      .opt("sni", STRING)
      .opt("insecureSkipVerify", BOOL)
      .opt("caCrl", STRING)
      .scalarMeans("mode")
      .build();

  static final Obj PORT_TRAFFIC_POLICY = Obj.named("TrafficPolicy.PortTrafficPolicy")
      .opt("port", PORT_SELECTOR)
      .opt("loadBalancer", LOAD_BALANCER)
      .opt("connectionPool", CONNECTION_POOL)
      .opt("outlierDetection", OUTLIER_DETECTION)
      .opt("tls", CLIENT_TLS)
      .build();

  static final Obj TUNNEL = Obj.named("TrafficPolicy.TunnelSettings")
      .opt("protocol", STRING)
      .req("targetHost", STRING)
      .req("targetPort", UINT32)
      .build();

  static final Obj PROXY_PROTOCOL = Obj.named("TrafficPolicy.ProxyProtocol")
      .opt("version", enumOf("V1", "V2"))
      .build();

  static final Obj RETRY_BUDGET = Obj.named("TrafficPolicy.RetryBudget")
      .opt("percent", doubleIn(0, 100))
      .opt("minRetryConcurrency", UINT32)
      .build();

  static final Obj TRAFFIC_POLICY = Obj.named("TrafficPolicy")
      .opt("loadBalancer", LOAD_BALANCER)
      .opt("connectionPool", CONNECTION_POOL)
      .opt("outlierDetection", OUTLIER_DETECTION)
      .opt("tls", CLIENT_TLS)
      .opt("portLevelSettings", listOf(PORT_TRAFFIC_POLICY, 0, 4096))
      .opt("tunnel", TUNNEL)
      .opt("proxyProtocol", PROXY_PROTOCOL)
      .opt("retryBudget", RETRY_BUDGET)
      .build();

  static final Obj SUBSET = Obj.named("Subset")
      .req("name", STRING)
      .opt("labels", STRING_MAP)
      .opt("trafficPolicy", TRAFFIC_POLICY)
      .build();

  static final Obj DESTINATION_RULE = Obj.named("DestinationRule")
      .req("host", STRING)
      .opt("trafficPolicy", TRAFFIC_POLICY)
      .opt("subsets", listOf(SUBSET))
      .opt("exportTo", STRINGS)
      .opt("workloadSelector", WORKLOAD_SELECTOR)
      .build();
}
