package dev.skiff.scheduler.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a pod fits no node, as Kubernetes' {@code FitError}: every node's rejection (or the PreFilter
 * rejection that ruled out all of them), and what PostFilter found. Its {@link #message()} is what
 * the pod's {@code PodScheduled} condition and {@code FailedScheduling} event say.
 */
public final class Diagnosis {

    /** Kubernetes' message when the cluster has no node at all. */
    public static final String NO_NODES = "no nodes available to schedule pods";

    private final int numAllNodes;
    private final Map<String, Status> rejections;
    private final Status preFilterRejection;
    private final String postFilterMessage;

    private Diagnosis(int numAllNodes, Map<String, Status> rejections, Status preFilterRejection, String postFilterMessage) {
        this.numAllNodes = numAllNodes;
        this.rejections = rejections;
        this.preFilterRejection = preFilterRejection;
        this.postFilterMessage = postFilterMessage;
    }

    /** Every node was checked, and each one's rejection is in the map. */
    public static Diagnosis filtered(int numAllNodes, Map<String, Status> rejections) {
        return new Diagnosis(numAllNodes, Map.copyOf(rejections), null, null);
    }

    /** A PreFilter plugin rejected the pod for every node. */
    public static Diagnosis preFiltered(int numAllNodes, Status rejection) {
        return new Diagnosis(numAllNodes, Map.of(), rejection, null);
    }

    /** The same, with what PostFilter said (null: nothing). */
    public Diagnosis withPostFilterMessage(String message) {
        return new Diagnosis(numAllNodes, rejections, preFilterRejection, message == null || message.isEmpty() ? null : message);
    }

    public int numAllNodes() {
        return numAllNodes;
    }

    /** Each node's rejection, by node name. */
    public Map<String, Status> rejections() {
        return rejections;
    }

    /** The plugins that rejected the pod somewhere: only cluster events these registered for may make it fit. */
    public Set<String> unschedulablePlugins() {
        Set<String> plugins = new HashSet<>();
        if (preFilterRejection != null && preFilterRejection.plugin() != null) {
            plugins.add(preFilterRejection.plugin());
        }
        for (Status status : rejections.values()) {
            if (status.plugin() != null) {
                plugins.add(status.plugin());
            }
        }
        return plugins;
    }

    /**
     * Kubernetes' message, e.g. {@code 0/3 nodes are available: 1 node(s) had untolerated taint
     * {dedicated: gpu}, 2 Insufficient cpu.}: how often each reason was given, sorted.
     */
    public String message() {
        if (numAllNodes == 0) {
            return NO_NODES;
        }
        StringBuilder message = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
        if (preFilterRejection != null) {
            message.append(' ').append(preFilterRejection.message()).append('.');
        } else {
            Map<String, Integer> counts = new HashMap<>();
            for (Status status : rejections.values()) {
                for (String reason : status.reasons()) {
                    counts.merge(reason, 1, Integer::sum);
                }
            }
            List<String> histogram = new ArrayList<>();
            counts.forEach((reason, count) -> histogram.add(count + " " + reason));
            Collections.sort(histogram);
            if (!histogram.isEmpty()) {
                message.append(' ').append(String.join(", ", histogram)).append('.');
            }
        }
        if (postFilterMessage != null) {
            message.append(' ').append(postFilterMessage).append('.');
        }
        return message.toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
