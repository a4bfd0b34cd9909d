package io.trafficlab.engine.config.schema;

import static io.trafficlab.engine.config.schema.Type.ANY;
import static io.trafficlab.engine.config.schema.Type.BOOL;
import static io.trafficlab.engine.config.schema.Type.INT32;
import static io.trafficlab.engine.config.schema.Type.INT64;
import static io.trafficlab.engine.config.schema.Type.INT_OR_STRING;
import static io.trafficlab.engine.config.schema.Type.STRING;
import static io.trafficlab.engine.config.schema.Type.STRINGS;
import static io.trafficlab.engine.config.schema.Type.STRING_MAP;
import static io.trafficlab.engine.config.schema.Type.enumOf;
import static io.trafficlab.engine.config.schema.Type.listOf;

import io.trafficlab.engine.config.model.ResourceKind;
import io.trafficlab.engine.config.schema.Type.Obj;

/**
 * Kubernetes object metadata, the document envelope, and the parts of apps/v1 Deployment and v1
 * Service that trafficlab reads. Levels we model are strict (an unknown field is an error, as with
 * {@code kubectl apply}'s strict field validation); below {@code template.spec} everything a real
 * Deployment may carry is accepted, and only the fields we read are typed.
 */
final class KubeSchema {

  private KubeSchema() {}

  static final Obj OBJECT_META = Obj.named("ObjectMeta")
      .req("name", STRING)
      .opt("generateName", STRING)
      .opt("namespace", STRING)
      .opt("labels", STRING_MAP)
      .opt("annotations", STRING_MAP)
      // set by the API server; tolerated so that `kubectl get -o yaml` output can be pasted
      .opt("uid", STRING)
      .opt("resourceVersion", STRING)
      .opt("generation", INT64)
      .opt("creationTimestamp", ANY)
      .opt("deletionTimestamp", ANY)
      .opt("deletionGracePeriodSeconds", INT64)
      .opt("ownerReferences", listOf(ANY))
      .opt("finalizers", STRINGS)
      .opt("managedFields", listOf(ANY))
      .opt("selfLink", STRING)
      .scalarMeans("name")
      .build();

  /** Pod template metadata: like ObjectMeta, but the name is optional. */
  static final Obj TEMPLATE_META = Obj.named("ObjectMeta")
      .opt("name", STRING)
      .opt("generateName", STRING)
      .opt("namespace", STRING)
      .opt("labels", STRING_MAP)
      .opt("annotations", STRING_MAP)
      .opt("uid", STRING)
      .opt("resourceVersion", STRING)
      .opt("generation", INT64)
      .opt("creationTimestamp", ANY)
      .opt("deletionTimestamp", ANY)
      .opt("deletionGracePeriodSeconds", INT64)
      .opt("ownerReferences", listOf(ANY))
      .opt("finalizers", STRINGS)
      .opt("managedFields", listOf(ANY))
      .opt("selfLink", STRING)
      .build();

  private static final Type.EnumOf PROTOCOL = enumOf("TCP", "UDP", "SCTP");

  static final Obj CONTAINER_PORT = Obj.named("ContainerPort")
      .req("containerPort", INT32)
      .opt("name", STRING)
      .opt("protocol", PROTOCOL)
      .opt("hostPort", INT32)
      .opt("hostIP", STRING)
      .scalarMeans("containerPort")
      .open()
      .build();

  static final Obj CONTAINER = Obj.named("Container")
      .req("name", STRING)
      .opt("image", STRING)
      .opt("ports", listOf(CONTAINER_PORT))
      .open()
      .build();

  static final Obj POD_SPEC = Obj.named("PodSpec")
      .req("containers", listOf(CONTAINER, 1, 0))
      .open()
      .build();

  static final Obj POD_TEMPLATE = Obj.named("PodTemplateSpec")
      .opt("metadata", TEMPLATE_META)
      .opt("spec", POD_SPEC)
      .build();

  static final Obj LABEL_SELECTOR = Obj.named("LabelSelector")
      .opt("matchLabels", STRING_MAP)
      .opt("matchExpressions", listOf(ANY))
      .build();

  static final Obj DEPLOYMENT = Obj.named("DeploymentSpec")
      .opt("replicas", INT32)
      .req("selector", LABEL_SELECTOR)
      .req("template", POD_TEMPLATE)
      .opt("strategy", ANY)
      .opt("minReadySeconds", INT32)
      .opt("revisionHistoryLimit", INT32)
      .opt("paused", BOOL)
      .opt("progressDeadlineSeconds", INT32)
      .build();

  static final Obj SERVICE_PORT = Obj.named("ServicePort")
      .opt("name", STRING)
      .opt("protocol", PROTOCOL)
      .opt("appProtocol", STRING)
      .req("port", INT32)
      .opt("targetPort", INT_OR_STRING)
      .opt("nodePort", INT32)
      .scalarMeans("port")
      .build();

  static final Obj SERVICE = Obj.named("ServiceSpec")
      .opt("ports", listOf(SERVICE_PORT))
      .opt("selector", STRING_MAP)
      .opt("clusterIP", STRING)
      .opt("clusterIPs", STRINGS)
      .opt("type", enumOf("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"))
      .opt("externalIPs", STRINGS)
      .opt("sessionAffinity", enumOf("None", "ClientIP"))
      .opt("loadBalancerIP", STRING)
      .opt("loadBalancerSourceRanges", STRINGS)
      .opt("externalName", STRING)
      .opt("externalTrafficPolicy", STRING)
      .opt("healthCheckNodePort", INT32)
      .opt("publishNotReadyAddresses", BOOL)
      .opt("sessionAffinityConfig", ANY)
      .opt("ipFamilies", STRINGS)
      .opt("ipFamilyPolicy", STRING)
      .opt("allocateLoadBalancerNodePorts", BOOL)
      .opt("loadBalancerClass", STRING)
      .opt("internalTrafficPolicy", STRING)
      .opt("trafficDistribution", STRING)
      .build();

  /** The envelope; spec is required when the spec has required fields (so they are reported). */
  private static Obj document(String kind, Obj spec) {
    boolean specRequired = false;
    for (Type.Field f : spec.fields()) {
      specRequired |= f.required();
    }
    Obj.Builder b = Obj.named(kind)
        .req("apiVersion", STRING)
        .req("kind", STRING)
        .req("metadata", OBJECT_META);
    b = specRequired ? b.req("spec", spec) : b.opt("spec", spec);
    return b.opt("status", ANY).build();
  }

  private static final Obj GATEWAY_DOC = document("Gateway", IstioSchema.GATEWAY);
  private static final Obj VIRTUAL_SERVICE_DOC =
      document("VirtualService", IstioSchema.VIRTUAL_SERVICE);
  private static final Obj DESTINATION_RULE_DOC =
      document("DestinationRule", IstioSchema.DESTINATION_RULE);
  private static final Obj DEPLOYMENT_DOC = document("Deployment", DEPLOYMENT);
  private static final Obj SERVICE_DOC = document("Service", SERVICE);

  /** The whole-document type of a kind: envelope, metadata and spec. */
  static Obj documentOf(ResourceKind kind) {
    return switch (kind) {
      case GATEWAY -> GATEWAY_DOC;
      case VIRTUAL_SERVICE -> VIRTUAL_SERVICE_DOC;
      case DESTINATION_RULE -> DESTINATION_RULE_DOC;
      case DEPLOYMENT -> DEPLOYMENT_DOC;
      case SERVICE -> SERVICE_DOC;
    };
  }
}
