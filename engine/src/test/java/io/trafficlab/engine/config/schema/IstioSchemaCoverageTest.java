package io.trafficlab.engine.config.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.schema.SchemaFixtures.Read;
import io.trafficlab.engine.config.schema.Type.Field;
import io.trafficlab.engine.config.schema.Type.ListOf;
import io.trafficlab.engine.config.schema.Type.MapOf;
import io.trafficlab.engine.config.schema.Type.Obj;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every field of the CRDs (istio/api customresourcedefinitions.gen.yaml), written once, passes;
 * and every field the schema declares appears in these documents, so schema and test stay in step.
 */
class IstioSchemaCoverageTest {

  static final String VIRTUAL_SERVICE = """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: everything, namespace: prod, labels: {app: x}, annotations: {a: b}}
      spec:
        hosts: [reviews]
        gateways: [mesh, istio-system/gw]
        exportTo: ["."]
        http:
        - name: rule
          match:
          - name: m
            uri: {prefix: /api}
            scheme: {exact: https}
            method: {regex: "GET|POST"}
            authority: {exact: reviews}
            headers: {end-user: {exact: jason}, x-present: {}}
            port: 9080
            sourceLabels: {app: productpage}
            gateways: [mesh]
            queryParams: {debug: {exact: "1"}}
            ignoreUriCase: true
            withoutHeaders: {x-skip: {prefix: "y"}}
            sourceNamespace: default
            statPrefix: api
          route:
          - destination: {host: reviews, subset: v1, port: {number: 9080}}
            weight: 90
            headers:
              request: {set: {x-a: "1"}, add: {x-b: "2"}, remove: [x-c]}
              response: {set: {x-d: "1"}, add: {x-e: "2"}, remove: [x-f]}
          rewrite: {uri: /v1, authority: reviews.internal}
          timeout: 10s
          retries:
            attempts: 3
            perTryTimeout: 2s
            retryOn: 5xx,reset
            retryRemoteLocalities: true
            retryIgnorePreviousHosts: false
            backoff: 25ms
          fault:
            delay: {percent: 1, fixedDelay: 5s, percentage: {value: 0.5}}
            abort: {httpStatus: 500, percentage: {value: 10}}
          mirror: {host: reviews, subset: v2, port: {number: 9080}}
          mirrorPercent: 10
          mirrorPercentage: {value: 12.5}
          corsPolicy:
            allowOrigin: [a.com]
            allowOrigins: [{exact: https://a.com}, {regex: ".*b.com"}]
            allowMethods: [GET]
            allowHeaders: [x-a]
            exposeHeaders: [x-b]
            maxAge: 24h
            allowCredentials: true
            unmatchedPreflights: FORWARD
          headers:
            request: {set: {x-a: "1"}}
        - match: [{uri: {exact: /old}}]
          redirect: {uri: /new, authority: new.example.com, port: 8443, scheme: https,
                     redirectCode: 302}
        - match: [{uri: {prefix: /p}}]
          redirect: {derivePort: FROM_PROTOCOL_DEFAULT, prefixRewrite: /q}
        - match: [{uri: {prefix: /r}}]
          rewrite: {uriRegexRewrite: {match: "^/r/(.*)", rewrite: "/\\\\1"}}
          route: [{destination: {host: reviews}}]
          mirrors:
          - destination: {host: shadow}
            percentage: {value: 5}
        - match: [{uri: {prefix: /d}}]
          directResponse: {status: 503, body: {string: unavailable}}
        - match: [{uri: {prefix: /e}}]
          directResponse: {status: 200, body: {bytes: aGVsbG8=}}
        - match: [{uri: {prefix: /g}}]
          fault:
            delay: {exponentialDelay: 1s}
            abort: {grpcStatus: UNAVAILABLE}
          route: [{destination: {host: reviews}}]
        - match: [{uri: {prefix: /h}}]
          fault: {abort: {http2Error: REFUSED_STREAM}}
          route: [{destination: {host: reviews}}]
        - delegate: {name: delegate-vs, namespace: other}
        tls:
        - match:
          - sniHosts: [reviews]
            destinationSubnets: [10.0.0.0/8]
            port: 443
            sourceLabels: {app: a}
            gateways: [mesh]
            sourceNamespace: default
          route:
          - destination: {host: reviews}
            weight: 100
        tcp:
        - match:
          - destinationSubnets: [10.0.0.0/8]
            port: 27017
            sourceSubnet: 10.1.0.0/16
            sourceLabels: {app: a}
            gateways: [mesh]
            sourceNamespace: default
          route:
          - destination: {host: mongo, port: {number: 27017}}
            weight: 100
      """;

  static final String DESTINATION_RULE = """
      apiVersion: networking.istio.io/v1beta1
      kind: DestinationRule
      metadata: {name: everything}
      spec:
        host: reviews
        exportTo: ["*"]
        workloadSelector: {matchLabels: {app: reviews}}
        trafficPolicy:
          loadBalancer:
            consistentHash:
              httpCookie:
                name: user
                path: /
                ttl: 0s
                attributes: [{name: SameSite, value: Strict}, {name: Secure}]
              ringHash: {minimumRingSize: 1024}
              minimumRingSize: 1024
            localityLbSetting:
              distribute: [{from: us-west/zone1/*, to: {"us-west/zone1/*": 80, "us-west/zone2/*": 20}}]
              failover: [{from: us-east, to: eu-west}]
              failoverPriority: [topology.kubernetes.io/region]
              enabled: true
            warmupDurationSecs: 60s
            warmup: {duration: 60s, minimumPercent: 10, aggression: 1.5}
          connectionPool:
            tcp:
              maxConnections: 100
              connectTimeout: 30ms
              tcpKeepalive: {probes: 9, time: 7200s, interval: 75s}
              maxConnectionDuration: 1h
              idleTimeout: 0s
            http:
              http1MaxPendingRequests: 10
              http2MaxRequests: 1000
              maxRequestsPerConnection: 10
              maxRetries: 3
              idleTimeout: 1h
              h2UpgradePolicy: UPGRADE
              useClientProtocol: false
              maxConcurrentStreams: 100
          outlierDetection:
            consecutiveErrors: 7
            splitExternalLocalOriginErrors: true
            consecutiveLocalOriginFailures: 5
            consecutiveGatewayErrors: 3
            consecutive5xxErrors: 7
            interval: 5m
            baseEjectionTime: 15m
            maxEjectionPercent: 100
            minHealthPercent: 0
          tls:
            mode: MUTUAL
            clientCertificate: /etc/certs/cert.pem
            privateKey: /etc/certs/key.pem
            caCertificates: /etc/certs/ca.pem
            credentialName: client-cred
            subjectAltNames: [spiffe://cluster.local/ns/default/sa/reviews]
            sni: reviews.example.com
            insecureSkipVerify: false
            caCrl: /etc/certs/crl.pem
          portLevelSettings:
          - port: {number: 9080}
            loadBalancer:
              simple: LEAST_REQUEST
            connectionPool: {tcp: {maxConnections: 1}}
            outlierDetection: {consecutive5xxErrors: 1}
            tls: {mode: ISTIO_MUTUAL}
          - port: {number: 9081}
            loadBalancer:
              consistentHash: {httpHeaderName: x-user, maglev: {tableSize: 65537}}
          tunnel: {protocol: CONNECT, targetHost: egress.example.com, targetPort: 8443}
          proxyProtocol: {version: V2}
          retryBudget: {percent: 20, minRetryConcurrency: 3}
        subsets:
        - name: v1
          labels: {version: v1}
          trafficPolicy:
            loadBalancer: {simple: ROUND_ROBIN}
        - name: v2
          labels: {version: v2}
          trafficPolicy:
            loadBalancer:
              consistentHash: {useSourceIp: true}
        - name: v3
          trafficPolicy:
            loadBalancer:
              consistentHash: {httpQueryParameterName: user}
      """;

  static final String GATEWAY = """
      apiVersion: networking.istio.io/v1alpha3
      kind: Gateway
      metadata: {name: everything}
      spec:
        selector: {istio: ingressgateway}
        servers:
        - port: {number: 443, name: https, protocol: HTTPS, targetPort: 8443}
          bind: 0.0.0.0
          hosts: ["*.example.com"]
          defaultEndpoint: 127.0.0.1:8080
          name: main
          tls:
            httpsRedirect: false
            mode: MUTUAL
            serverCertificate: /etc/certs/server.pem
            privateKey: /etc/certs/key.pem
            caCertificates: /etc/certs/ca.pem
            caCrl: /etc/certs/crl.pem
            credentialName: gw-cert
            caCertCredentialName: gw-ca
            subjectAltNames: [client.example.com]
            verifyCertificateSpki: [abc]
            verifyCertificateHash: [def]
            minProtocolVersion: TLSV1_2
            maxProtocolVersion: TLSV1_3
            cipherSuites: [ECDHE-RSA-AES256-GCM-SHA384]
        - port: {number: 8443, name: https-2, protocol: HTTPS}
          hosts: ["*"]
          tls:
            mode: SIMPLE
            tlsCertificates:
            - {serverCertificate: /a.pem, privateKey: /a.key, caCertificates: /ca.pem}
        - port: {number: 9443, name: https-3, protocol: HTTPS}
          hosts: ["*"]
          tls: {mode: SIMPLE, credentialNames: [rsa-cert, ecdsa-cert]}
      """;

  @Test
  void everyCrdFieldIsAccepted() {
    Read r = SchemaFixtures.read(VIRTUAL_SERVICE + "---\n" + DESTINATION_RULE + "---\n" + GATEWAY);
    assertThat(r.diagnostics()).extracting(Diagnostic::render).isEmpty();
    assertThat(r.resources()).hasSize(3);
  }

  @Test
  void everyDeclaredFieldAppearsInTheCoverageDocuments() {
    String all = VIRTUAL_SERVICE + DESTINATION_RULE + GATEWAY;
    Set<String> missing = new HashSet<>();
    for (Obj root : List.of(IstioSchema.VIRTUAL_SERVICE, IstioSchema.DESTINATION_RULE,
        IstioSchema.GATEWAY)) {
      Deque<Obj> todo = new ArrayDeque<>(List.of(root));
      Set<String> seen = new HashSet<>();
      while (!todo.isEmpty()) {
        Obj o = todo.pop();
        if (!seen.add(o.name())) {
          continue;
        }
        for (Field f : o.fields()) {
          if (!all.contains(f.name() + ":")) {
            missing.add(o.name() + "." + f.name());
          }
          Type t = f.type();
          if (t instanceof ListOf l) {
            t = l.item();
          }
          if (t instanceof MapOf m) {
            t = m.value();
          }
          if (t instanceof Obj child) {
            todo.push(child);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }
}
