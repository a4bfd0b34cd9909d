package io.trafficlab.engine.config.diag;

/**
 * The one catalogue of diagnostic codes, ordered by code. Never reuse a retired code: mark it
 * {@code // TLxxxx RETIRED} instead. Templates use {@link String#format} placeholders; values that
 * the user wrote are quoted by the caller with {@link #q(Object)}.
 *
 * <ul>
 *   <li>TL00xx input: encoding, size and YAML syntax (layer schema)
 *   <li>TL01xx documents: kinds, apiVersions, metadata (layer schema)
 *   <li>TL1xxx schema: fields, types, enums, oneOf, durations, percentages
 *   <li>TL2xxx webhook semantics (Istio's admission validation)
 *   <li>IST0xxx and TL3xxx analysis (istioctl analyze and our own cross-resource checks)
 *   <li>TL4xxx case files (the case format, DESIGN §5)
 * </ul>
 */
public enum DiagnosticCode {
  // ---- TL00xx input ----
  TL0001("TL0001", Severity.ERROR, Layer.SCHEMA, "input is larger than the limit of %s bytes (%s bytes)"),
  TL0002("TL0002", Severity.ERROR, Layer.SCHEMA, "input is not valid UTF-8 (invalid byte at offset %s)"),
  TL0003("TL0003", Severity.ERROR, Layer.SCHEMA, "YAML syntax error: %s"),
  TL0004("TL0004", Severity.ERROR, Layer.SCHEMA, "tab character used for indentation"),
  TL0005("TL0005", Severity.ERROR, Layer.SCHEMA, "duplicate key %s (first defined at line %s, column %s)"),
  TL0006("TL0006", Severity.ERROR, Layer.SCHEMA, "too many documents: more than %s in one file"),
  TL0007("TL0007", Severity.ERROR, Layer.SCHEMA, "nesting deeper than %s levels"),
  TL0008("TL0008", Severity.ERROR, Layer.SCHEMA, "scalar longer than %s characters"),
  TL0009("TL0009", Severity.ERROR, Layer.SCHEMA, "YAML aliases expand to more than %s nodes"),
  TL0010("TL0010", Severity.ERROR, Layer.SCHEMA, "YAML merge keys (<<) are not supported"),
  TL0011("TL0011", Severity.ERROR, Layer.SCHEMA, "tag %s is not allowed"),
  TL0012("TL0012", Severity.ERROR, Layer.SCHEMA, "mapping keys must be plain strings, found a %s"),
  TL0013("TL0013", Severity.ERROR, Layer.SCHEMA, "input contains control character %s"),
  TL0014("TL0014", Severity.ERROR, Layer.SCHEMA, "JSON syntax error: %s"),
  TL0015("TL0015", Severity.ERROR, Layer.SCHEMA, "recursive YAML alias %s"),
  TL0016("TL0016", Severity.ERROR, Layer.SCHEMA, "input is binary data, not YAML text"),
  TL0017("TL0017", Severity.ERROR, Layer.SCHEMA, "cannot read %s: %s"),
  TL0018("TL0018", Severity.ERROR, Layer.SCHEMA, "value %s does not match its tag %s"),

  // ---- TL01xx documents ----
  TL0101("TL0101", Severity.ERROR, Layer.SCHEMA, "document must be a mapping with apiVersion, kind, metadata and spec, found a %s"),
  TL0102("TL0102", Severity.ERROR, Layer.SCHEMA, "missing required field %s"),
  TL0103("TL0103", Severity.ERROR, Layer.SCHEMA, "unsupported kind %s"),
  TL0104("TL0104", Severity.ERROR, Layer.SCHEMA, "unsupported apiVersion %s for kind %s"),
  TL0105("TL0105", Severity.ERROR, Layer.SCHEMA, "invalid metadata.%s %s: %s"),
  TL0106("TL0106", Severity.ERROR, Layer.SCHEMA, "%s %s is defined twice (first at line %s)"),
  TL0107("TL0107", Severity.INFO, Layer.SCHEMA, "empty document ignored"),

  // ---- TL1xxx schema ----
  TL1001("TL1001", Severity.ERROR, Layer.SCHEMA, "unknown field %s in %s"),
  TL1002("TL1002", Severity.ERROR, Layer.SCHEMA, "%s must be %s, found %s"),
  TL1003("TL1003", Severity.ERROR, Layer.SCHEMA, "invalid value %s for %s; allowed values: %s"),
  TL1004("TL1004", Severity.ERROR, Layer.SCHEMA, "only one of %s may be set, found %s"),
  TL1005("TL1005", Severity.ERROR, Layer.SCHEMA, "one of %s must be set"),
  TL1006("TL1006", Severity.ERROR, Layer.SCHEMA, "invalid duration %s: %s"),
  TL1007("TL1007", Severity.ERROR, Layer.SCHEMA, "invalid duration %s for %s: must be a valid duration greater than 1ms"),
  TL1008("TL1008", Severity.ERROR, Layer.SCHEMA, "%s is out of range: %s"),
  TL1009("TL1009", Severity.ERROR, Layer.SCHEMA, "missing required field %s in %s"),
  TL1010("TL1010", Severity.ERROR, Layer.SCHEMA, "%s must not be empty"),
  TL1011("TL1011", Severity.ERROR, Layer.SCHEMA, "field %s is written twice, as %s and as %s"),
  TL1012("TL1012", Severity.INFO, Layer.SCHEMA, "more schema errors in this document; only the first %s are shown"),

  // ---- TL2xxx webhook (Istio admission semantics; messages keep Istio's wording) ----
  // TL20xx rules shared by several kinds
  TL2001("TL2001", Severity.ERROR, Layer.WEBHOOK, "duration must be greater than 1ms, found %s"),
  TL2002("TL2002", Severity.ERROR, Layer.WEBHOOK, "only durations to ms precision are supported, found %s"),
  TL2003("TL2003", Severity.ERROR, Layer.WEBHOOK, "port number %s must be in the range 1..65535"),
  TL2004("TL2004", Severity.ERROR, Layer.WEBHOOK, "percentage %s is neither 0.0, nor in range [0.0001, 100.0]"),
  TL2005("TL2005", Severity.ERROR, Layer.WEBHOOK, "percentage %s is not in range 0..100"),
  TL2006("TL2006", Severity.ERROR, Layer.WEBHOOK, "%s: prefix string match should not be empty"),
  TL2007("TL2007", Severity.ERROR, Layer.WEBHOOK, "%s: regex string match should not be empty"),
  TL2008("TL2008", Severity.ERROR, Layer.WEBHOOK, "%s: regex is too large, max length allowed is 1024"),
  TL2009("TL2009", Severity.ERROR, Layer.WEBHOOK, "%s: %s; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)"),
  TL2010("TL2010", Severity.ERROR, Layer.WEBHOOK, "invalid tag key: %s"),
  TL2011("TL2011", Severity.ERROR, Layer.WEBHOOK, "invalid tag value: %s"),
  TL2012("TL2012", Severity.ERROR, Layer.WEBHOOK, "header name cannot be empty"),
  TL2013("TL2013", Severity.ERROR, Layer.WEBHOOK, "header name %s is not a valid header name"),
  TL2014("TL2014", Severity.ERROR, Layer.WEBHOOK, "invalid header %s: header cannot have \":\" prefix"),
  TL2015("TL2015", Severity.ERROR, Layer.WEBHOOK, "invalid header %s: cannot set Host header"),
  TL2016("TL2016", Severity.ERROR, Layer.WEBHOOK, "header value configuration %s is invalid: %s"),
  TL2017("TL2017", Severity.ERROR, Layer.WEBHOOK, "subset name cannot be empty"),
  TL2018("TL2018", Severity.ERROR, Layer.WEBHOOK, "subset name is invalid: %s"),
  TL2019("TL2019", Severity.ERROR, Layer.WEBHOOK, "invalid host %s: %s"),
  TL2020("TL2020", Severity.ERROR, Layer.WEBHOOK, "%s is not a valid IP"),
  TL2021("TL2021", Severity.ERROR, Layer.WEBHOOK, "%s is not a valid CIDR block"),
  TL2022("TL2022", Severity.ERROR, Layer.WEBHOOK, "%s may not be null"),
  // TL21xx Gateway
  TL2101("TL2101", Severity.ERROR, Layer.WEBHOOK, "invalid gateway name: %s"),
  TL2102("TL2102", Severity.ERROR, Layer.WEBHOOK, "gateway must have at least one server"),
  TL2103("TL2103", Severity.ERROR, Layer.WEBHOOK, "server config must contain at least one host"),
  TL2104("TL2104", Severity.ERROR, Layer.WEBHOOK, "invalid server host %s: short names (non FQDN) are not allowed"),
  TL2105("TL2105", Severity.ERROR, Layer.WEBHOOK, "partial wildcard %s not allowed"),
  TL2106("TL2106", Severity.ERROR, Layer.WEBHOOK, "invalid server host %s: config namespace and dnsName in host entry cannot be empty"),
  TL2107("TL2107", Severity.ERROR, Layer.WEBHOOK, "invalid namespace value %s in gateway"),
  TL2108("TL2108", Severity.ERROR, Layer.WEBHOOK, "port is required"),
  TL2109("TL2109", Severity.ERROR, Layer.WEBHOOK, "invalid protocol %s, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP"),
  TL2110("TL2110", Severity.ERROR, Layer.WEBHOOK, "targetPort has no impact on Gateways"),
  TL2111("TL2111", Severity.ERROR, Layer.WEBHOOK, "port name must be set"),
  TL2112("TL2112", Severity.ERROR, Layer.WEBHOOK, "port names in servers must be unique: duplicate name %s"),
  TL2113("TL2113", Severity.WARNING, Layer.WEBHOOK, "tls.httpsRedirect should only be used with http servers"),
  TL2114("TL2114", Severity.ERROR, Layer.WEBHOOK, "server must have TLS settings for HTTPS/TLS protocols"),
  TL2115("TL2115", Severity.ERROR, Layer.WEBHOOK, "server cannot have TLS settings for plain text HTTP ports"),
  TL2116("TL2116", Severity.ERROR, Layer.WEBHOOK, "server cannot have TLS settings for non HTTPS/TLS ports"),
  TL2117("TL2117", Severity.ERROR, Layer.WEBHOOK, "ISTIO_MUTUAL TLS cannot have associated %s"),
  TL2118("TL2118", Severity.WARNING, Layer.WEBHOOK, "%s mode does not use certificates, they will be ignored"),
  TL2119("TL2119", Severity.ERROR, Layer.WEBHOOK, "only one of credential_name, credential_names, server_certificate/private_key, tls_certificates should be specified"),
  TL2120("TL2120", Severity.ERROR, Layer.WEBHOOK, "%s TLS requires a %s"),
  TL2121("TL2121", Severity.WARNING, Layer.WEBHOOK, "%s TLS can support up to 2 server certificates"),
  TL2122("TL2122", Severity.ERROR, Layer.WEBHOOK, "CRL is not supported with credentialName. CRL has to be specified in the credential"),
  TL2123("TL2123", Severity.ERROR, Layer.WEBHOOK, "CRL is not supported with SIMPLE TLS"),
  TL2124("TL2124", Severity.WARNING, Layer.WEBHOOK, "TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include compatible ciphers."),
  TL2125("TL2125", Severity.WARNING, Layer.WEBHOOK, "ignoring duplicate cipher suites: %s"),
  TL2126("TL2126", Severity.ERROR, Layer.WEBHOOK, "invalid bind %s: %s"),
  // TL22xx VirtualService
  TL2201("TL2201", Severity.ERROR, Layer.WEBHOOK, "delegate virtual service must have no %s specified"),
  TL2202("TL2202", Severity.ERROR, Layer.WEBHOOK, "config namespace and gateway name cannot be empty"),
  TL2203("TL2203", Severity.ERROR, Layer.WEBHOOK, "invalid value for namespace: %s"),
  TL2204("TL2204", Severity.ERROR, Layer.WEBHOOK, "invalid value for gateway name: %s"),
  TL2205("TL2205", Severity.WARNING, Layer.WEBHOOK, "using legacy gatewayName format %s; prefer the <namespace>/<name> format: %s"),
  TL2206("TL2206", Severity.ERROR, Layer.WEBHOOK, "JWT claim based routing (key: %s) is only supported for gateway, found no gateways: %s"),
  TL2207("TL2207", Severity.ERROR, Layer.WEBHOOK, "wildcard host * is not allowed for virtual services bound to the mesh gateway"),
  TL2208("TL2208", Severity.ERROR, Layer.WEBHOOK, "duplicate hosts in virtual service: %s & %s"),
  TL2209("TL2209", Severity.ERROR, Layer.WEBHOOK, "http, tcp or tls must be provided in virtual service"),
  TL2210("TL2210", Severity.ERROR, Layer.WEBHOOK, "root HTTP route %s must not specify %s"),
  TL2211("TL2211", Severity.ERROR, Layer.WEBHOOK, "delegate HTTP route cannot contain delegate"),
  TL2212("TL2212", Severity.ERROR, Layer.WEBHOOK, "HTTP route cannot contain both %s and %s"),
  TL2213("TL2213", Severity.ERROR, Layer.WEBHOOK, "HTTP route, redirect or direct_response is required"),
  TL2214("TL2214", Severity.ERROR, Layer.WEBHOOK, "sourceNamespace match %s is invalid"),
  TL2215("TL2215", Severity.ERROR, Layer.WEBHOOK, "redirect must specify URI, authority, scheme, or port"),
  TL2216("TL2216", Severity.ERROR, Layer.WEBHOOK, "%s is not a valid redirect code, must be 3xx"),
  TL2217("TL2217", Severity.WARNING, Layer.WEBHOOK, "redirect code %s is accepted but has no effect: only 301, 302, 303, 307 and 308 are translated, other codes drop the redirect (trafficlab check, not an Istio message)"),
  TL2218("TL2218", Severity.ERROR, Layer.WEBHOOK, "invalid redirect scheme, must be \"http\" or \"https\""),
  TL2219("TL2219", Severity.ERROR, Layer.WEBHOOK, "HTTP status %s is not in range 200-599"),
  TL2220("TL2220", Severity.ERROR, Layer.WEBHOOK, "large direct_responses may impact control plane performance, must be less than 1MB"),
  TL2221("TL2221", Severity.WARNING, Layer.WEBHOOK, "large direct_responses may impact control plane performance"),
  TL2222("TL2222", Severity.ERROR, Layer.WEBHOOK, "attempts cannot be negative"),
  TL2223("TL2223", Severity.ERROR, Layer.WEBHOOK, "http retry policy configured when attempts are set to 0 (disabled)"),
  TL2224("TL2224", Severity.ERROR, Layer.WEBHOOK, "%s is not a valid retryOn policy"),
  TL2225("TL2225", Severity.ERROR, Layer.WEBHOOK, "rewrite may only contain one of URI or UriRegexRewrite"),
  TL2226("TL2226", Severity.ERROR, Layer.WEBHOOK, "rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified"),
  TL2227("TL2227", Severity.ERROR, Layer.WEBHOOK, "UriRegexRewrite requires both Rewrite and Match fields to be specified"),
  TL2228("TL2228", Severity.ERROR, Layer.WEBHOOK, "authority header cannot be set multiple times: have %s, attempting to set %s"),
  TL2229("TL2229", Severity.ERROR, Layer.WEBHOOK, "destination is required"),
  TL2230("TL2230", Severity.ERROR, Layer.WEBHOOK, "invalid destination host %s"),
  TL2231("TL2231", Severity.ERROR, Layer.WEBHOOK, "weight %s < 0"),
  TL2232("TL2232", Severity.ERROR, Layer.WEBHOOK, "total destination weight = 0"),
  TL2233("TL2233", Severity.ERROR, Layer.WEBHOOK, "HTTP fault injection must have an abort and/or a delay"),
  TL2234("TL2234", Severity.ERROR, Layer.WEBHOOK, "HTTP/2 abort fault injection not supported yet"),
  TL2235("TL2235", Severity.WARNING, Layer.WEBHOOK, "abort configured, but error type not set"),
  TL2236("TL2236", Severity.ERROR, Layer.WEBHOOK, "gRPC status %s is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, for example 'NOT_FOUND'"),
  TL2237("TL2237", Severity.ERROR, Layer.WEBHOOK, "exponentialDelay not supported yet"),
  // TL2238 RETIRED: Istio's webhook accepts fault.delay.percent silently; the deprecation is the
  // analyzer's IST0002.
  TL2239("TL2239", Severity.ERROR, Layer.WEBHOOK, "mirror_percent must have a max value of 100 (it has %s)"),
  TL2240("TL2240", Severity.WARNING, Layer.WEBHOOK, "using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead"),
  TL2241("TL2241", Severity.ERROR, Layer.WEBHOOK, "%s must have a max value of 100 (it has %s)"),
  TL2242("TL2242", Severity.ERROR, Layer.WEBHOOK, "%s must have a min value of 0 (it has %s)"),
  TL2243("TL2243", Severity.ERROR, Layer.WEBHOOK, "destination is required for mirrors"),
  TL2244("TL2244", Severity.ERROR, Layer.WEBHOOK, "%s is not a valid match type for CORS allow origins"),
  TL2245("TL2245", Severity.ERROR, Layer.WEBHOOK, "%s is not a supported HTTP method"),
  TL2246("TL2246", Severity.ERROR, Layer.WEBHOOK, "max_age duration is accurate only to seconds precision"),
  TL2247("TL2247", Severity.ERROR, Layer.WEBHOOK, "TLS route must have at least one match condition"),
  TL2248("TL2248", Severity.ERROR, Layer.WEBHOOK, "TLS match must have at least one SNI host"),
  TL2249("TL2249", Severity.WARNING, Layer.WEBHOOK, "using an IP address (%s) goes against SNI spec and most clients do not support this"),
  TL2250("TL2250", Severity.ERROR, Layer.WEBHOOK, "SNI host %s is not a compatible subset of any of the virtual service hosts: [%s]"),
  TL2251("TL2251", Severity.ERROR, Layer.WEBHOOK, "%s route is required"),
  // TL23xx DestinationRule
  TL2301("TL2301", Severity.ERROR, Layer.WEBHOOK, "duplicate subset names: %s"),
  TL2302("TL2302", Severity.ERROR, Layer.WEBHOOK, "traffic policy must have at least one field"),
  TL2303("TL2303", Severity.ERROR, Layer.WEBHOOK, "tunnel and proxyProtocol must not be set together"),
  TL2304("TL2304", Severity.ERROR, Layer.WEBHOOK, "proxy protocol version is invalid: %s"),
  TL2305("TL2305", Severity.WARNING, Layer.WEBHOOK, "outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead; consecutiveErrors is IGNORED since Istio 1.7"),
  TL2306("TL2306", Severity.ERROR, Layer.WEBHOOK, "outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false"),
  TL2307("TL2307", Severity.ERROR, Layer.WEBHOOK, "connection pool must have at least one field"),
  TL2308("TL2308", Severity.ERROR, Layer.WEBHOOK, "%s must be non-negative"),
  TL2309("TL2309", Severity.ERROR, Layer.WEBHOOK, "use client protocol must not be true when H2UpgradePolicy is UPGRADE"),
  TL2310("TL2310", Severity.ERROR, Layer.WEBHOOK, "name required for HttpCookie"),
  TL2311("TL2311", Severity.WARNING, Layer.WEBHOOK, "consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead"),
  TL2312("TL2312", Severity.ERROR, Layer.WEBHOOK, "only one of MinimumRingSize or Maglev/Ringhash can be specified"),
  TL2313("TL2313", Severity.ERROR, Layer.WEBHOOK, "tableSize must be set for maglev"),
  TL2314("TL2314", Severity.ERROR, Layer.WEBHOOK, "tableSize must be less than 5000011 for maglev"),
  TL2315("TL2315", Severity.ERROR, Layer.WEBHOOK, "tableSize must be a prime number for maglev"),
  TL2316("TL2316", Severity.ERROR, Layer.WEBHOOK, "cannot specify client certificates or CA certificate or CA CRL If credentialName is set"),
  TL2317("TL2317", Severity.ERROR, Layer.WEBHOOK, "%s required for mutual tls"),
  TL2318("TL2318", Severity.ERROR, Layer.WEBHOOK, "cannot specify %s when InsecureSkipVerify is set true"),
  TL2319("TL2319", Severity.ERROR, Layer.WEBHOOK, "portTrafficPolicy must have valid port"),
  TL2320("TL2320", Severity.ERROR, Layer.WEBHOOK, "port traffic policy must have at least one field"),
  TL2321("TL2321", Severity.ERROR, Layer.WEBHOOK, "can not simultaneously specify 'distribute' and 'failover'"),
  TL2322("TL2322", Severity.ERROR, Layer.WEBHOOK, "%s is not supported in selector: %s"),
  TL2323("TL2323", Severity.WARNING, Layer.WEBHOOK, "workload selector specified without labels"),
  TL2324("TL2324", Severity.WARNING, Layer.WEBHOOK, "outlier detection policy must be provided for failover"),
  // TL29xx the validator itself
  TL2999("TL2999", Severity.WARNING, Layer.WEBHOOK, "webhook validation stopped early at this resource: %s"),

  // ---- analysis (istioctl analyze codes, then ours) ----
  // IST templates are Istio's (pkg/config/analysis/msg/messages.yaml); %q arguments are quoted by
  // the caller with q().
  // Istio's level is Error; here it only means a check of ours failed, which must not reject the config.
  IST0001("IST0001", Severity.WARNING, Layer.ANALYSIS, "Internal error: %s"),
  IST0002("IST0002", Severity.WARNING, Layer.ANALYSIS, "Deprecated: %s"),
  IST0101("IST0101", Severity.ERROR, Layer.ANALYSIS, "Referenced %s not found: %s"),
  IST0106("IST0106", Severity.ERROR, Layer.ANALYSIS, "Schema validation error: %s"),
  IST0109("IST0109", Severity.ERROR, Layer.ANALYSIS, "The VirtualServices %s associated with mesh gateway define the same host %s which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource."),
  IST0112("IST0112", Severity.ERROR, Layer.ANALYSIS, "This VirtualService routes to a service %s that exposes multiple ports %s. Specifying a port in the destination is required to disambiguate."),
  IST0128("IST0128", Severity.WARNING, Layer.ANALYSIS, "DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server identity for host: %s"),
  IST0129("IST0129", Severity.WARNING, Layer.ANALYSIS, "DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server identity for host: %s at port %s"),
  IST0130("IST0130", Severity.WARNING, Layer.ANALYSIS, "VirtualService rule %s not used (%s)."),
  IST0131("IST0131", Severity.INFO, Layer.ANALYSIS, "VirtualService rule %s match %s is not used (duplicate/overlapping match in rule %s)."),
  IST0132("IST0132", Severity.WARNING, Layer.ANALYSIS, "one or more host %s defined in VirtualService %s not found in Gateway %s."),
  IST0133("IST0133", Severity.WARNING, Layer.ANALYSIS, "Schema validation warning: %s"),
  IST0140("IST0140", Severity.WARNING, Layer.ANALYSIS, "Subset in virtual service %s has no effect on ingress gateway %s requests"),
  IST0145("IST0145", Severity.ERROR, Layer.ANALYSIS, "Conflict with gateways %s (workload selector %s, port %s, hosts %s)."),
  IST0173("IST0173", Severity.WARNING, Layer.ANALYSIS, "The Subset %s defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream)."),
  IST0174("IST0174", Severity.WARNING, Layer.ANALYSIS, "The host %s defined in the DestinationRule does not match any services in the mesh."),
  // TL30xx: Deployment and Service documents (what Kubernetes would reject or what carries no traffic)
  TL3001("TL3001", Severity.ERROR, Layer.ANALYSIS, "Deployment selector %s does not match its pod template labels %s; Kubernetes rejects this Deployment"),
  TL3002("TL3002", Severity.ERROR, Layer.ANALYSIS, "Deployment has no spec.selector.matchLabels; Kubernetes rejects a Deployment without a selector"),
  TL3003("TL3003", Severity.WARNING, Layer.ANALYSIS, "no Service selects the pods of Deployment %s (labels %s), so no request can reach them"),
  TL3004("TL3004", Severity.WARNING, Layer.ANALYSIS, "Service %s selects no pods (selector %s); requests to it get 503 UH (no healthy upstream)"),
  TL3005("TL3005", Severity.WARNING, Layer.ANALYSIS, "replicas %s is more than the %s pods trafficlab starts per Deployment; only %s are started"),
  TL3006("TL3006", Severity.ERROR, Layer.ANALYSIS, "Service %s has no ports; Kubernetes rejects a Service without spec.ports"),
  TL3007("TL3007", Severity.WARNING, Layer.ANALYSIS, "Deployment %s asks for %s pods, past the %s pods trafficlab starts for all Deployments of a configuration together; only %s of them start, and no pods of the Deployments after it"),
  // TL31xx: routing findings of our own (things a learner wants to know that istioctl does not say)
  TL3101("TL3101", Severity.WARNING, Layer.ANALYSIS, "header name %s is not lower-case: the VirtualService API documents header keys in lower case, write %s (it still matches: Envoy lower-cases configured header names)"),
  TL3102("TL3102", Severity.WARNING, Layer.ANALYSIS, "weight %s is ignored: the only destination of a route gets all of its traffic"),
  TL3103("TL3103", Severity.INFO, Layer.ANALYSIS, "no rule of this VirtualService is a catch-all: requests for %s that match no rule get 404 (NR)"),
  TL3104("TL3104", Severity.WARNING, Layer.ANALYSIS, "no VirtualService is bound to Gateway %s: every request through it gets 404 (NR)"),
  // TL3105-TL3109: delegation. Istio's analyzers do not check delegates; pilot only logs these
  // (mergeVirtualServicesIfNeeded, mergeHTTPRoute) and routes as if the rule were not there.
  TL3105("TL3105", Severity.WARNING, Layer.ANALYSIS, "delegate VirtualService %s not found: Istio drops rule %s, so the requests it matches go on to the next rules or get 404 (NR)"),
  TL3106("TL3106", Severity.WARNING, Layer.ANALYSIS, "VirtualService %s has hosts, so it is not a delegate: Istio drops rule %s, so the requests it matches go on to the next rules or get 404 (NR)"),
  TL3107("TL3107", Severity.WARNING, Layer.ANALYSIS, "delegate VirtualService %s is not exported to namespace %s (exportTo %s): Istio drops rule %s, so the requests it matches go on to the next rules or get 404 (NR)"),
  TL3108("TL3108", Severity.WARNING, Layer.ANALYSIS, "rule %s is left out where %s delegates to this VirtualService: %s"),
  TL3109("TL3109", Severity.WARNING, Layer.ANALYSIS, "this VirtualService has no hosts, so it is a delegate, and no VirtualService delegates to it: it routes nothing"),

  // ---- TL4xxx case files ----
  TL4001("TL4001", Severity.ERROR, Layer.SCHEMA, "%s"),
  TL4002("TL4002", Severity.ERROR, Layer.SCHEMA, "unknown key %s in %s"),
  TL4003("TL4003", Severity.ERROR, Layer.SCHEMA, "%s must be %s, found %s"),
  TL4004("TL4004", Severity.ERROR, Layer.SCHEMA, "missing required key %s in %s"),
  TL4005("TL4005", Severity.ERROR, Layer.SCHEMA, "invalid %s %s: %s"),
  TL4006("TL4006", Severity.ERROR, Layer.SCHEMA, "%s %s is out of range: %s"),
  TL4007("TL4007", Severity.ERROR, Layer.SCHEMA, "only one of %s may be set"),
  TL4008("TL4008", Severity.ERROR, Layer.SCHEMA, "%s %s is defined twice (first at line %s)"),
  TL4009("TL4009", Severity.ERROR, Layer.SCHEMA, "a case file must be one YAML mapping, found %s"),
  TL4010("TL4010", Severity.WARNING, Layer.SCHEMA, "config is not a literal block scalar (config: |): positions inside it point at its first line"),
  TL4011("TL4011", Severity.WARNING, Layer.SCHEMA, "distribution shares add up to %s, not 1"),
  TL4012("TL4012", Severity.ERROR, Layer.SCHEMA, "%s needs %s, but the topology has none"),
  TL4013("TL4013", Severity.WARNING, Layer.SCHEMA, "case name %s differs from the file name %s");

  private final String code;
  private final Severity severity;
  private final Layer layer;
  private final String template;

  DiagnosticCode(String code, Severity severity, Layer layer, String template) {
    this.code = code;
    this.severity = severity;
    this.layer = layer;
    this.template = template;
  }

  public String code() {
    return code;
  }

  public Severity severity() {
    return severity;
  }

  public Layer layer() {
    return layer;
  }

  public String template() {
    return template;
  }

  public String format(Object... args) {
    return args.length == 0 ? template : String.format(template, args);
  }

  /** Quotes a user-written value the way messages show it: {@code "v3"}. */
  public static String q(Object value) {
    String s = String.valueOf(value);
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    if (s.length() > 200) {
      sb.append("...");
    }
    return sb.append('"').toString();
  }
}
