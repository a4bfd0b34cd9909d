package io.trafficlab.engine.config.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.core.topology.PodDef;
import io.trafficlab.engine.core.topology.ServiceDef;
import io.trafficlab.engine.core.topology.ServicePort;
import io.trafficlab.engine.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopologyFromConfigTest {

  private final List<Diagnostic> out = new ArrayList<>();

  private Optional<Topology> merge(Optional<Topology> base, String yaml) {
    FrontEndResult r = new ConfigFrontEnd().validate("k8s.yaml", yaml, "default", Optional.empty());
    return TopologyFromConfig.merge(base, r.config(), "default", out);
  }

  private static String deployment(String name, int replicas, String selector, String labels) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
        spec:
          replicas: %d
          selector:
            matchLabels: %s
          template:
            metadata:
              labels: %s
        ---
        """.formatted(name, replicas, selector, labels);
  }

  private static String service(String name, String selector, String ports) {
    return """
        apiVersion: v1
        kind: Service
        metadata:
          name: %s
        spec:
          selector: %s
          ports: %s
        ---
        """.formatted(name, selector, ports);
  }

  private static ServiceDef svc(Topology t, String name) {
    return t.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void noBaseAndNoKubernetesDocumentsMeansNoTopology() {
    assertThat(merge(Optional.empty(), "apiVersion: networking.istio.io/v1\nkind: Gateway\n"
        + "metadata: {name: g}\nspec: {}\n")).isEmpty();
    Topology base = Topology.empty("shop");
    assertThat(merge(Optional.of(base), "")).containsSame(base);
  }

  @Test
  void deploymentPodsJoinTheServiceThatSelectsThem() {
    Topology t = merge(Optional.empty(),
        deployment("reviews-v1", 2, "{app: reviews, version: v1}", "{app: reviews, version: v1}")
            + deployment("reviews-v2", 1, "{app: reviews, version: v2}", "{app: reviews, version: v2}")
            + service("reviews", "{app: reviews}", "[{name: http, port: 9080}]")).orElseThrow();
    assertThat(t.namespace()).isEqualTo("default");
    ServiceDef reviews = svc(t, "reviews");
    assertThat(reviews.ports()).containsExactly(new ServicePort(9080, "http"));
    assertThat(reviews.pods()).extracting(PodDef::name)
        .containsExactly("reviews-v1-0", "reviews-v1-1", "reviews-v2-0");
    assertThat(reviews.pods().get(2).labels()).isEqualTo(Map.of("app", "reviews", "version", "v2"));
    assertThat(reviews.pods()).allMatch(p -> p.service().equals("reviews"));
    assertThat(out).isEmpty();
  }

  @Test
  void replicasDefaultToOne() {
    String yaml = deployment("web", 1, "{app: web}", "{app: web}").replace("  replicas: 1\n", "")
        + service("web", "{app: web}", "[{port: 80}]");
    assertThat(svc(merge(Optional.empty(), yaml).orElseThrow(), "web").pods()).hasSize(1);
  }

  @Test
  void caseFileServicesSelectDeploymentPodsByAppLabelAndKeepTheirOwnPods() {
    Topology base = CaseFile.topology("""
        namespace: default
        gateways: [{name: gw, namespace: istio-system, labels: {istio: ingressgateway}}]
        services:
          - name: reviews
            port: 9080
            pods: [{labels: {app: reviews, version: v1}}]
        """);
    Topology t = merge(Optional.of(base),
        deployment("reviews-v3", 1, "{app: reviews}", "{app: reviews, version: v3}")).orElseThrow();
    assertThat(t.gateways()).isEqualTo(base.gateways());
    assertThat(svc(t, "reviews").pods()).extracting(PodDef::name)
        .containsExactly("reviews-0", "reviews-v3-0");
  }

  @Test
  void serviceDocumentExtendsTheCaseFileServiceOfTheSameName() {
    Topology base = CaseFile.topology("""
        services:
          - name: reviews
            port: 9080
            pods: [{labels: {app: reviews}}]
        """);
    Topology t = merge(Optional.of(base),
        service("reviews", "{tier: backend}", "[{name: http, port: 9080}, {name: admin, port: 9090}]")
            + deployment("be", 1, "{tier: backend}", "{tier: backend}")).orElseThrow();
    assertThat(t.services()).hasSize(1);
    assertThat(svc(t, "reviews").ports()).extracting(ServicePort::number).containsExactly(9080, 9090);
    assertThat(svc(t, "reviews").pods()).extracting(PodDef::name).containsExactly("reviews-0", "be-0");
  }

  @Test
  void podSelectedBySeveralServicesIsTheSamePodInEach() {
    Topology t = merge(Optional.empty(), deployment("api", 1, "{app: api}", "{app: api, tier: web}")
        + service("api", "{app: api}", "[{port: 80}]")
        + service("web", "{tier: web}", "[{port: 8080}]")).orElseThrow();
    assertThat(svc(t, "api").pods()).isEqualTo(svc(t, "web").pods());
    assertThat(t.allPods().stream().map(PodDef::name).distinct()).containsExactly("api-0");
  }

  @Test
  void podNamesStayUniqueWhenTheyCollideWithCaseFilePods() {
    Topology base = CaseFile.topology("""
        services:
          - name: web
            port: 80
            pods: [{labels: {app: web}}]
        """);
    Topology t = merge(Optional.of(base), deployment("web", 2, "{app: web}", "{app: web}")).orElseThrow();
    assertThat(svc(t, "web").pods()).extracting(PodDef::name)
        .containsExactly("web-0", "web-0-2", "web-1");
  }

  @Test
  void servicesOnlySelectPodsOfTheirNamespace() {
    String yaml = deployment("api", 1, "{app: api}", "{app: api}")
        + service("api", "{app: api}", "[{port: 80}]").replace("name: api", "name: api\n  namespace: other");
    Topology t = merge(Optional.empty(), yaml).orElseThrow();
    assertThat(svc(t, "api").pods()).isEmpty();
    assertThat(out).extracting(Diagnostic::code).containsExactly("TL3003", "TL3004");
  }

  @Test
  void deploymentWhoseSelectorMissesTheTemplateLabelsIsRejectedLikeKubernetes() {
    merge(Optional.empty(), deployment("api", 1, "{app: api, version: v1}", "{app: api}")
        + service("api", "{app: api}", "[{port: 80}]"));
    assertThat(out).extracting(Diagnostic::render).containsExactly(
        "error[TL3001] k8s.yaml:8:18 spec.selector.matchLabels: Deployment selector "
            + "{app=api,version=v1} does not match its pod template labels {app=api}; Kubernetes "
            + "rejects this Deployment (Deployment default/api)",
        "warning[TL3004] k8s.yaml:18:13 spec.selector: Service api selects no pods (selector "
            + "{app=api}); requests to it get 503 UH (no healthy upstream) (Service default/api)");
  }

  @Test
  void deploymentWithoutSelectorIsRejected() {
    merge(Optional.empty(), deployment("api", 1, "{}", "{app: api}"));
    assertThat(out).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("TL3002");
      assertThat(d.path()).isEqualTo("spec.selector");
      assertThat(d.hint()).contains("{app=api}");
    });
  }

  @Test
  void deploymentThatNoServiceSelectsIsAWarningAtItsName() {
    Optional<Topology> t = merge(Optional.empty(), deployment("lonely", 1, "{app: x}", "{app: x}"));
    assertThat(t.orElseThrow().services()).isEmpty();
    assertThat(out).extracting(Diagnostic::render).containsExactly("warning[TL3003] k8s.yaml:4:9 "
        + "metadata.name: no Service selects the pods of Deployment lonely (labels {app=x}), so no "
        + "request can reach them (Deployment default/lonely)");
  }

  @Test
  void hugeReplicaCountsAreCapped() {
    Topology t = merge(Optional.empty(), deployment("big", 100000, "{app: big}", "{app: big}")
        + service("big", "{app: big}", "[{port: 80}]")).orElseThrow();
    assertThat(svc(t, "big").pods()).hasSize(TopologyFromConfig.MAX_REPLICAS);
    assertThat(out).extracting(Diagnostic::code).containsExactly("TL3005");
  }

  @Test
  void podsOfAllDeploymentsTogetherAreCappedAndTheCapIsReportedOnceWhereItIsCrossed() {
    StringBuilder yaml = new StringBuilder(service("many", "{app: many}", "[{port: 80}]"));
    for (int i = 0; i < 30; i++) {
      yaml.append(deployment("d" + i, TopologyFromConfig.MAX_REPLICAS, "{app: many}", "{app: many}"));
    }

    Topology t = merge(Optional.empty(), yaml.toString()).orElseThrow();

    assertThat(svc(t, "many").pods()).hasSize(TopologyFromConfig.MAX_CONFIG_PODS);
    assertThat(out).extracting(Diagnostic::code).containsExactly("TL3007");
    Diagnostic d = out.get(0);
    assertThat(d.resource()).isEqualTo("Deployment default/d5");
    assertThat(d.message()).isEqualTo("Deployment d5 asks for 20 pods, past the 100 pods trafficlab starts for all "
        + "Deployments of a configuration together; only 0 of them start, and no pods of the Deployments after it");
    assertThat(d.line()).isPositive();
  }

  @Test
  void serviceWithoutPortsIsRejected() {
    Topology t = merge(Optional.empty(), service("api", "{app: api}", "[]")).orElseThrow();
    assertThat(t.services()).isEmpty();
    assertThat(out).extracting(Diagnostic::code).containsExactly("TL3006");
  }

  @Test
  void frontEndFeedsTheMergedTopologyToTheAnalyzer() {
    String yaml = deployment("reviews-v1", 1, "{app: reviews, version: v1}",
        "{app: reviews, version: v1}")
        + service("reviews", "{app: reviews}", "[{name: http, port: 9080}]") + """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec:
          host: reviews
          subsets:
          - name: v1
            labels: {version: v1}
          - name: v2
            labels: {version: v2}
        """;
    List<String> codes = Findings.analyze(yaml, Optional.empty()).stream().map(Diagnostic::code)
        .toList();
    assertThat(codes).containsExactly("IST0173");
  }
}
