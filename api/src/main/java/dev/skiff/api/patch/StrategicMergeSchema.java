package dev.skiff.api.patch;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The strategic merge patch metadata of the kinds Skiff serves: Kubernetes' {@code patchStrategy}
 * and {@code patchMergeKey} struct tags, as a table. Types are named after their Kubernetes Go
 * types and referenced by name, so one type's rules apply wherever it appears: the Container
 * rules hold in a Pod's spec and in the pod template of a Deployment or a ReplicaSet alike.
 *
 * <p>A field that is not listed is plain: an object merges key by key without further
 * metadata, a list is replaced as a whole. {@code retainKeys} strategies need no entry: the
 * {@code $retainKeys} directive that clients send for them is honoured wherever it appears.
 */
final class StrategicMergeSchema {

    /**
     * One field's metadata.
     *
     * @param typeName  the type of the value, or of each element of a list; null when it has no
     *                  listed fields
     * @param mergeList true for a list that merges with the current one instead of replacing it
     * @param mergeKey  the key that identifies elements of a merged list of objects; null for a
     *                  merged list of primitives, which acts as a set
     */
    record Field(String typeName, boolean mergeList, String mergeKey) {

        static final Field PLAIN = new Field(null, false, null);

        Type type() {
            return typeName == null ? Type.PLAIN : TYPES.get(typeName);
        }
    }

    /** A type's fields that have metadata. */
    record Type(Map<String, Field> fields) {

        static final Type PLAIN = new Type(Map.of());

        Field field(String name) {
            return fields.getOrDefault(name, Field.PLAIN);
        }
    }

    private static final Map.Entry<String, Field> METADATA = object("metadata", "ObjectMeta");

    private static final Map<String, Type> KINDS = Map.ofEntries(
            kind("Pod", object("spec", "PodSpec"), object("status", "PodStatus")),
            kind("Deployment", object("spec", "DeploymentSpec"), object("status", "DeploymentStatus")),
            kind("ReplicaSet", object("spec", "ReplicaSetSpec"), object("status", "ReplicaSetStatus")),
            kind("DaemonSet", object("spec", "DaemonSetSpec"), object("status", "DaemonSetStatus")),
            kind("Job", object("spec", "JobSpec"), object("status", "JobStatus")),
            kind("CronJob", object("spec", "CronJobSpec")),
            kind("Service", object("spec", "ServiceSpec"), object("status", "ServiceStatus")),
            kind("Node", object("spec", "NodeSpec"), object("status", "NodeStatus")),
            kind("Namespace", object("status", "NamespaceStatus")),
            kind("ConfigMap"),
            kind("Secret"),
            kind("ServiceAccount", keyed("secrets", "name")),
            kind("Endpoints"),
            kind("Event"),
            kind("Lease"),
            kind("ControllerRevision"),
            kind("Scale"));

    private static final Map<String, Type> TYPES = Map.ofEntries(
            type("ObjectMeta", set("finalizers"), keyed("ownerReferences", "uid")),
            type("PodTemplateSpec", METADATA, object("spec", "PodSpec")),
            type("DeploymentSpec", object("template", "PodTemplateSpec")),
            type("ReplicaSetSpec", object("template", "PodTemplateSpec")),
            type("DaemonSetSpec", object("template", "PodTemplateSpec")),
            type("JobSpec", object("template", "PodTemplateSpec")),
            type("CronJobSpec", object("jobTemplate", "JobTemplateSpec")),
            type("JobTemplateSpec", METADATA, object("spec", "JobSpec")),
            type("PodSpec",
                    keyed("containers", "name", "Container"),
                    keyed("initContainers", "name", "Container"),
                    keyed("ephemeralContainers", "name", "Container"),
                    keyed("volumes", "name"),
                    keyed("imagePullSecrets", "name"),
                    keyed("hostAliases", "ip"),
                    keyed("topologySpreadConstraints", "topologyKey"),
                    keyed("resourceClaims", "name"),
                    keyed("schedulingGates", "name")),
            type("Container",
                    keyed("ports", "containerPort"),
                    keyed("env", "name"),
                    keyed("volumeMounts", "mountPath"),
                    keyed("volumeDevices", "devicePath")),
            type("PodStatus",
                    keyed("conditions", "type"),
                    keyed("podIPs", "ip"),
                    keyed("hostIPs", "ip"),
                    keyed("resourceClaimStatuses", "name")),
            type("DeploymentStatus", keyed("conditions", "type")),
            type("ReplicaSetStatus", keyed("conditions", "type")),
            type("DaemonSetStatus", keyed("conditions", "type")),
            type("JobStatus", keyed("conditions", "type")),
            type("ServiceSpec", keyed("ports", "port")),
            type("ServiceStatus", keyed("conditions", "type")),
            type("NodeSpec", set("podCIDRs")),
            type("NodeStatus", keyed("conditions", "type"), keyed("addresses", "type")),
            type("NamespaceStatus", keyed("conditions", "type")));

    private StrategicMergeSchema() {
    }

    /** The type at the root of an object of this kind; empty for a kind Skiff has no metadata for. */
    static Optional<Type> ofKind(String kind) {
        return Optional.ofNullable(KINDS.get(kind));
    }

    @SafeVarargs
    private static Map.Entry<String, Type> kind(String kind, Map.Entry<String, Field>... fields) {
        Map<String, Field> withMetadata = new HashMap<>(Map.ofEntries(fields));
        withMetadata.put(METADATA.getKey(), METADATA.getValue());
        return Map.entry(kind, new Type(Map.copyOf(withMetadata)));
    }

    @SafeVarargs
    private static Map.Entry<String, Type> type(String name, Map.Entry<String, Field>... fields) {
        return Map.entry(name, new Type(Map.ofEntries(fields)));
    }

    /** An object field of the given type. */
    private static Map.Entry<String, Field> object(String name, String type) {
        return Map.entry(name, new Field(type, false, null));
    }

    /** A list of objects merged by {@code key}, whose elements have no listed fields. */
    private static Map.Entry<String, Field> keyed(String name, String key) {
        return Map.entry(name, new Field(null, true, key));
    }

    /** A list of objects of the given type merged by {@code key}. */
    private static Map.Entry<String, Field> keyed(String name, String key, String type) {
        return Map.entry(name, new Field(type, true, key));
    }

    /** A list of primitives merged as a set. */
    private static Map.Entry<String, Field> set(String name) {
        return Map.entry(name, new Field(null, true, null));
    }
}
