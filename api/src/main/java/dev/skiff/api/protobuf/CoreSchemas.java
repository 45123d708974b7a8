package dev.skiff.api.protobuf;

import static dev.skiff.api.protobuf.MessageSchema.builder;
import static dev.skiff.api.protobuf.MetaSchemas.OBJECT_META;
import static dev.skiff.api.protobuf.ZeroValue.KEEP;

/**
 * Schemas of k8s.io/api/core/v1 messages: Namespace, ConfigMap, Secret, ServiceAccount, Service, and the pod
 * template that workloads embed. Pod fields that kubectl's generators never set and that are
 * rarely written by hand (affinity, security contexts, lifecycle hooks, topology spread, DNS
 * config, ephemeral containers, projected and cloud volumes) are not declared and so are skipped.
 */
final class CoreSchemas {

    static final MessageSchema NAMESPACE = builder("Namespace")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", builder("NamespaceSpec")
                    .repeatedString(1, "finalizers")
                    .build())
            .message(3, "status", builder("NamespaceStatus")
                    .string(1, "phase")
                    .build())
            .build();

    static final MessageSchema CONFIG_MAP = builder("ConfigMap")
            .message(1, "metadata", OBJECT_META)
            .bool(4, "immutable", KEEP)
            .stringMap(2, "data")
            .bytesMap(3, "binaryData")
            .build();

    static final MessageSchema SECRET = builder("Secret")
            .message(1, "metadata", OBJECT_META)
            .bool(5, "immutable", KEEP)
            .bytesMap(2, "data")
            .stringMap(4, "stringData")
            .string(3, "type")
            .build();

    static final MessageSchema SERVICE_PORT = builder("ServicePort")
            .string(1, "name")
            .string(2, "protocol")
            .string(6, "appProtocol", KEEP)
            .int32(3, "port", KEEP)
            .intOrString(4, "targetPort")
            .int32(5, "nodePort")
            .build();

    static final MessageSchema SERVICE_SPEC = builder("ServiceSpec")
            .repeatedMessage(1, "ports", SERVICE_PORT)
            .stringMap(2, "selector")
            .string(3, "clusterIP")
            .repeatedString(18, "clusterIPs")
            .string(4, "type")
            .repeatedString(5, "externalIPs")
            .string(7, "sessionAffinity")
            .string(8, "loadBalancerIP")
            .repeatedString(9, "loadBalancerSourceRanges")
            .string(10, "externalName")
            .string(11, "externalTrafficPolicy")
            .int32(12, "healthCheckNodePort")
            .bool(13, "publishNotReadyAddresses")
            .message(14, "sessionAffinityConfig", builder("SessionAffinityConfig")
                    .message(1, "clientIP", builder("ClientIPConfig")
                            .int32(1, "timeoutSeconds", KEEP)
                            .build())
                    .build())
            .repeatedString(19, "ipFamilies")
            .string(17, "ipFamilyPolicy", KEEP)
            .bool(20, "allocateLoadBalancerNodePorts", KEEP)
            .string(21, "loadBalancerClass", KEEP)
            .string(22, "internalTrafficPolicy", KEEP)
            .string(23, "trafficDistribution", KEEP)
            .build();

    static final MessageSchema SERVICE_STATUS = builder("ServiceStatus")
            .message(1, "loadBalancer", builder("LoadBalancerStatus")
                    .repeatedMessage(1, "ingress", builder("LoadBalancerIngress")
                            .string(1, "ip")
                            .string(2, "hostname")
                            .string(3, "ipMode", KEEP)
                            .build())
                    .build())
            .build();

    static final MessageSchema SERVICE = builder("Service")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", SERVICE_SPEC)
            .message(3, "status", SERVICE_STATUS)
            .build();

    /** A reference by name; most selectors embed it inline. */
    static final MessageSchema LOCAL_OBJECT_REFERENCE = builder("LocalObjectReference")
            .string(1, "name")
            .build();

    static final MessageSchema OBJECT_REFERENCE = builder("ObjectReference")
            .string(1, "kind")
            .string(2, "namespace")
            .string(3, "name")
            .string(4, "uid")
            .string(5, "apiVersion")
            .string(6, "resourceVersion")
            .string(7, "fieldPath")
            .build();

    static final MessageSchema SERVICE_ACCOUNT = builder("ServiceAccount")
            .message(1, "metadata", OBJECT_META)
            .repeatedMessage(2, "secrets", OBJECT_REFERENCE)
            .repeatedMessage(3, "imagePullSecrets", LOCAL_OBJECT_REFERENCE)
            .bool(4, "automountServiceAccountToken", KEEP)
            .build();

    static final MessageSchema KEY_TO_PATH = builder("KeyToPath")
            .string(1, "key", KEEP)
            .string(2, "path", KEEP)
            .int32(3, "mode", KEEP)
            .build();

    static final MessageSchema VOLUME_SOURCE = builder("VolumeSource")
            .message(1, "hostPath", builder("HostPathVolumeSource")
                    .string(1, "path", KEEP)
                    .string(2, "type", KEEP)
                    .build())
            .message(2, "emptyDir", builder("EmptyDirVolumeSource")
                    .string(1, "medium")
                    .quantity(2, "sizeLimit")
                    .build())
            .message(6, "secret", builder("SecretVolumeSource")
                    .string(1, "secretName")
                    .repeatedMessage(2, "items", KEY_TO_PATH)
                    .int32(3, "defaultMode", KEEP)
                    .bool(4, "optional", KEEP)
                    .build())
            .message(10, "persistentVolumeClaim", builder("PersistentVolumeClaimVolumeSource")
                    .string(1, "claimName", KEEP)
                    .bool(2, "readOnly")
                    .build())
            .message(19, "configMap", builder("ConfigMapVolumeSource")
                    .inline(1, LOCAL_OBJECT_REFERENCE)
                    .repeatedMessage(2, "items", KEY_TO_PATH)
                    .int32(3, "defaultMode", KEEP)
                    .bool(4, "optional", KEEP)
                    .build())
            .build();

    static final MessageSchema VOLUME = builder("Volume")
            .string(1, "name", KEEP)
            .inline(2, VOLUME_SOURCE)
            .build();

    static final MessageSchema CONTAINER_PORT = builder("ContainerPort")
            .string(1, "name")
            .int32(2, "hostPort")
            .int32(3, "containerPort", KEEP)
            .string(4, "protocol")
            .string(5, "hostIP")
            .build();

    static final MessageSchema ENV_VAR_SOURCE = builder("EnvVarSource")
            .message(1, "fieldRef", builder("ObjectFieldSelector")
                    .string(1, "apiVersion")
                    .string(2, "fieldPath", KEEP)
                    .build())
            .message(2, "resourceFieldRef", builder("ResourceFieldSelector")
                    .string(1, "containerName")
                    .string(2, "resource", KEEP)
                    .quantity(3, "divisor")
                    .build())
            .message(3, "configMapKeyRef", builder("ConfigMapKeySelector")
                    .inline(1, LOCAL_OBJECT_REFERENCE)
                    .string(2, "key", KEEP)
                    .bool(3, "optional", KEEP)
                    .build())
            .message(4, "secretKeyRef", builder("SecretKeySelector")
                    .inline(1, LOCAL_OBJECT_REFERENCE)
                    .string(2, "key", KEEP)
                    .bool(3, "optional", KEEP)
                    .build())
            .build();

    static final MessageSchema ENV_VAR = builder("EnvVar")
            .string(1, "name", KEEP)
            .string(2, "value")
            .message(3, "valueFrom", ENV_VAR_SOURCE)
            .build();

    static final MessageSchema ENV_FROM_SOURCE = builder("EnvFromSource")
            .string(1, "prefix")
            .message(2, "configMapRef", builder("ConfigMapEnvSource")
                    .inline(1, LOCAL_OBJECT_REFERENCE)
                    .bool(2, "optional", KEEP)
                    .build())
            .message(3, "secretRef", builder("SecretEnvSource")
                    .inline(1, LOCAL_OBJECT_REFERENCE)
                    .bool(2, "optional", KEEP)
                    .build())
            .build();

    static final MessageSchema RESOURCE_REQUIREMENTS = builder("ResourceRequirements")
            .quantityMap(1, "limits")
            .quantityMap(2, "requests")
            .repeatedMessage(3, "claims", builder("ResourceClaim")
                    .string(1, "name", KEEP)
                    .string(2, "request")
                    .build())
            .build();

    static final MessageSchema VOLUME_MOUNT = builder("VolumeMount")
            .string(1, "name", KEEP)
            .bool(2, "readOnly")
            .string(7, "recursiveReadOnly", KEEP)
            .string(3, "mountPath", KEEP)
            .string(4, "subPath")
            .string(5, "mountPropagation", KEEP)
            .string(6, "subPathExpr")
            .build();

    /** A Probe with its ProbeHandler, which Probe embeds inline. */
    static final MessageSchema PROBE = builder("Probe")
            .inline(1, builder("ProbeHandler")
                    .message(1, "exec", builder("ExecAction")
                            .repeatedString(1, "command")
                            .build())
                    .message(2, "httpGet", builder("HTTPGetAction")
                            .string(1, "path")
                            .intOrString(2, "port")
                            .string(3, "host")
                            .string(4, "scheme")
                            .repeatedMessage(5, "httpHeaders", builder("HTTPHeader")
                                    .string(1, "name", KEEP)
                                    .string(2, "value", KEEP)
                                    .build())
                            .build())
                    .message(3, "tcpSocket", builder("TCPSocketAction")
                            .intOrString(1, "port")
                            .string(2, "host")
                            .build())
                    .message(4, "grpc", builder("GRPCAction")
                            .int32(1, "port", KEEP)
                            .string(2, "service", KEEP)
                            .build())
                    .build())
            .int32(2, "initialDelaySeconds")
            .int32(3, "timeoutSeconds")
            .int32(4, "periodSeconds")
            .int32(5, "successThreshold")
            .int32(6, "failureThreshold")
            .int64(7, "terminationGracePeriodSeconds", KEEP)
            .build();

    static final MessageSchema CONTAINER = builder("Container")
            .string(1, "name", KEEP)
            .string(2, "image")
            .repeatedString(3, "command")
            .repeatedString(4, "args")
            .string(5, "workingDir")
            .repeatedMessage(6, "ports", CONTAINER_PORT)
            .repeatedMessage(19, "envFrom", ENV_FROM_SOURCE)
            .repeatedMessage(7, "env", ENV_VAR)
            .message(8, "resources", RESOURCE_REQUIREMENTS)
            .string(24, "restartPolicy", KEEP)
            .repeatedMessage(9, "volumeMounts", VOLUME_MOUNT)
            .message(10, "livenessProbe", PROBE)
            .message(11, "readinessProbe", PROBE)
            .message(22, "startupProbe", PROBE)
            .string(13, "terminationMessagePath")
            .string(20, "terminationMessagePolicy")
            .string(14, "imagePullPolicy")
            .bool(16, "stdin")
            .bool(17, "stdinOnce")
            .bool(18, "tty")
            .build();

    static final MessageSchema TOLERATION = builder("Toleration")
            .string(1, "key")
            .string(2, "operator")
            .string(3, "value")
            .string(4, "effect")
            .int64(5, "tolerationSeconds", KEEP)
            .build();

    static final MessageSchema POD_SPEC = builder("PodSpec")
            .repeatedMessage(1, "volumes", VOLUME)
            .repeatedMessage(20, "initContainers", CONTAINER)
            .repeatedMessage(2, "containers", CONTAINER)
            .string(3, "restartPolicy")
            .int64(4, "terminationGracePeriodSeconds", KEEP)
            .int64(5, "activeDeadlineSeconds", KEEP)
            .string(6, "dnsPolicy")
            .stringMap(7, "nodeSelector")
            .string(8, "serviceAccountName")
            .string(9, "serviceAccount")
            .bool(21, "automountServiceAccountToken", KEEP)
            .string(10, "nodeName")
            .bool(11, "hostNetwork")
            .bool(12, "hostPID")
            .bool(13, "hostIPC")
            .bool(27, "shareProcessNamespace", KEEP)
            .repeatedMessage(15, "imagePullSecrets", LOCAL_OBJECT_REFERENCE)
            .string(16, "hostname")
            .string(17, "subdomain")
            .string(19, "schedulerName")
            .repeatedMessage(22, "tolerations", TOLERATION)
            .string(24, "priorityClassName")
            .int32(25, "priority", KEEP)
            .string(29, "runtimeClassName", KEEP)
            .bool(30, "enableServiceLinks", KEEP)
            .string(31, "preemptionPolicy", KEEP)
            .build();

    static final MessageSchema POD_TEMPLATE_SPEC = builder("PodTemplateSpec")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", POD_SPEC)
            .build();

    private CoreSchemas() {
    }
}
