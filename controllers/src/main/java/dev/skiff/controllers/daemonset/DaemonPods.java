package dev.skiff.controllers.daemonset;

import dev.skiff.api.scheduling.Tolerations;
import dev.skiff.controllers.nodelifecycle.Taints;
import dev.skiff.controllers.replicaset.PodFromTemplate;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DaemonSet's pods as Kubernetes makes them: from the template, tolerating what a node's own
 * troubles put on it (so a daemon keeps running on a node that is not ready, under pressure or
 * cordoned), pinned to one node by a required node affinity on {@code metadata.name}, which the
 * scheduler honours, and labelled with the template's hash ({@code controller-revision-hash}) and
 * the DaemonSet's generation ({@code pod-template-generation}).
 */
final class DaemonPods {

    static final String REVISION_HASH_LABEL = "controller-revision-hash";
    static final String TEMPLATE_GENERATION_LABEL = "pod-template-generation";
    private static final String NODE_NAME_FIELD = "metadata.name";

    private DaemonPods() {
    }

    /** The pod DS runs on NODE, of the template whose hash is HASH. */
    static Pod newPod(DaemonSet ds, String node, String hash) {
        Pod pod = PodFromTemplate.newPod(ds, ds.getSpec().getTemplate());
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? new LinkedHashMap<>() : pod.getMetadata().getLabels();
        labels.put(REVISION_HASH_LABEL, hash);
        if (ds.getMetadata().getGeneration() != null) {
            labels.put(TEMPLATE_GENERATION_LABEL, Long.toString(ds.getMetadata().getGeneration()));
        }
        pod.getMetadata().setLabels(labels);
        withTolerations(pod.getSpec());
        pinTo(pod.getSpec(), node);
        return pod;
    }

    /** The template's spec as its pods have it, before they are pinned to a node: what decides where they may run. */
    static PodSpec templateSpec(DaemonSet ds) {
        PodSpec spec = PodFromTemplate.newPod(ds, ds.getSpec().getTemplate()).getSpec();
        withTolerations(spec);
        return spec;
    }

    /** Whether POD is of the template whose hash is HASH. */
    static boolean isUpdated(Pod pod, String hash) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && hash.equals(labels.get(REVISION_HASH_LABEL));
    }

    /** The node POD runs on, or the one it is pinned to while unscheduled. */
    static Optional<String> targetNode(Pod pod) {
        PodSpec spec = pod.getSpec();
        if (spec == null) {
            return Optional.empty();
        }
        if (spec.getNodeName() != null && !spec.getNodeName().isEmpty()) {
            return Optional.of(spec.getNodeName());
        }
        if (spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null
                || spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return Optional.empty();
        }
        for (NodeSelectorTerm term : spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()) {
            for (NodeSelectorRequirement field : term.getMatchFields() == null ? List.<NodeSelectorRequirement>of() : term.getMatchFields()) {
                if (NODE_NAME_FIELD.equals(field.getKey()) && "In".equals(field.getOperator())
                        && field.getValues() != null && field.getValues().size() == 1) {
                    return Optional.of(field.getValues().get(0));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * As Kubernetes' {@code AddOrUpdateDaemonPodTolerations}: a node that is not ready or
     * unreachable keeps its daemons (no eviction time), and pressure, cordoning and, for host
     * network pods, a network not yet set up do not keep them off.
     */
    private static void withTolerations(PodSpec spec) {
        List<Toleration> tolerations = spec.getTolerations() == null ? new ArrayList<>() : new ArrayList<>(spec.getTolerations());
        add(tolerations, Taints.NOT_READY, Tolerations.NO_EXECUTE);
        add(tolerations, Taints.UNREACHABLE, Tolerations.NO_EXECUTE);
        add(tolerations, Taints.DISK_PRESSURE, Tolerations.NO_SCHEDULE);
        add(tolerations, Taints.MEMORY_PRESSURE, Tolerations.NO_SCHEDULE);
        add(tolerations, Taints.PID_PRESSURE, Tolerations.NO_SCHEDULE);
        add(tolerations, Taints.UNSCHEDULABLE, Tolerations.NO_SCHEDULE);
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            add(tolerations, Taints.NETWORK_UNAVAILABLE, Tolerations.NO_SCHEDULE);
        }
        spec.setTolerations(tolerations);
    }

    /** Adds {@code KEY:EFFECT} with {@code Exists}, replacing a toleration of that key and effect. */
    private static void add(List<Toleration> tolerations, String key, String effect) {
        tolerations.removeIf(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
        tolerations.add(new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build());
    }

    /**
     * As Kubernetes' {@code ReplaceDaemonSetPodNodeNameNodeAffinity}: the required node affinity
     * becomes the one term {@code metadata.name In [NODE]}, which is what the other terms would
     * have had to match anyway (the controller only makes a pod for a node they match).
     */
    private static void pinTo(PodSpec spec, String node) {
        NodeSelectorTerm term = new NodeSelectorTerm(List.of(), List.of(new NodeSelectorRequirement(NODE_NAME_FIELD, "In", List.of(node))));
        Affinity affinity = spec.getAffinity() == null ? new Affinity() : spec.getAffinity();
        NodeAffinity nodeAffinity = affinity.getNodeAffinity() == null ? new NodeAffinity() : affinity.getNodeAffinity();
        nodeAffinity.setRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelector(new ArrayList<>(List.of(term))));
        affinity.setNodeAffinity(nodeAffinity);
        spec.setAffinity(affinity);
    }
}
