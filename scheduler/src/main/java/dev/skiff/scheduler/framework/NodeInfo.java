package dev.skiff.scheduler.framework;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A node and the pods on it (bound or assumed), with their requests added up, as Kubernetes'
 * {@code NodeInfo}. The scheduler cache keeps one per node and changes it; the scheduling cycle
 * works on copies in a {@link Snapshot}, which nothing changes while it runs.
 */
public final class NodeInfo {

    private final String name;
    private Node node;
    private Map<String, String> labels = Map.of();
    private List<Taint> taints = List.of();
    private boolean unschedulable;
    private Resources allocatable = Resources.NONE;
    private long allowedPods;
    private Resources requested = Resources.NONE;
    private long nonZeroMilliCpu;
    private long nonZeroMemory;
    private final List<PodInfo> pods;
    private final List<HostPort> usedPorts;

    /** A node known only by the pods bound to it, until the node itself is seen. */
    public NodeInfo(String name) {
        this.name = name;
        this.pods = new ArrayList<>();
        this.usedPorts = new ArrayList<>();
    }

    public NodeInfo(Node node) {
        this(node.getMetadata().getName());
        setNode(node);
    }

    private NodeInfo(NodeInfo other) {
        this.name = other.name;
        this.node = other.node;
        this.labels = other.labels;
        this.taints = other.taints;
        this.unschedulable = other.unschedulable;
        this.allocatable = other.allocatable;
        this.allowedPods = other.allowedPods;
        this.requested = other.requested;
        this.nonZeroMilliCpu = other.nonZeroMilliCpu;
        this.nonZeroMemory = other.nonZeroMemory;
        this.pods = new ArrayList<>(other.pods);
        this.usedPorts = new ArrayList<>(other.usedPorts);
    }

    /** A copy that later changes to this one do not reach. */
    public NodeInfo copy() {
        return new NodeInfo(this);
    }

    /** Takes the node's labels, taints, {@code spec.unschedulable} and {@code status.allocatable}. */
    public void setNode(Node node) {
        this.node = node;
        this.labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        this.taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : List.copyOf(node.getSpec().getTaints());
        this.unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        Map<String, Quantity> amounts = node.getStatus() == null ? null : node.getStatus().getAllocatable();
        if ((amounts == null || amounts.isEmpty()) && node.getStatus() != null) {
            amounts = node.getStatus().getCapacity();
        }
        this.allocatable = Resources.of(amounts);
        Quantity pods = amounts == null ? null : amounts.get(Resources.PODS);
        this.allowedPods = pods == null ? 0 : Resources.value(pods);
    }

    /** Forgets the node object (it was deleted) while pods still point at it. */
    public void clearNode() {
        this.node = null;
    }

    public void addPod(PodInfo pod) {
        pods.add(pod);
        requested = requested.plus(pod.requests());
        nonZeroMilliCpu += pod.nonZeroRequests().milliCpu();
        nonZeroMemory += pod.nonZeroRequests().memory();
        usedPorts.addAll(pod.hostPorts());
    }

    /** Removes the pod with the key; false if it was not here. */
    public boolean removePod(String key) {
        for (int i = 0; i < pods.size(); i++) {
            PodInfo pod = pods.get(i);
            if (pod.key().equals(key)) {
                pods.remove(i);
                requested = requested.minus(pod.requests());
                nonZeroMilliCpu -= pod.nonZeroRequests().milliCpu();
                nonZeroMemory -= pod.nonZeroRequests().memory();
                for (HostPort port : pod.hostPorts()) {
                    usedPorts.remove(port);
                }
                return true;
            }
        }
        return false;
    }

    public String name() {
        return name;
    }

    /** The node object; null while only its pods are known, or after it was deleted. */
    public Node node() {
        return node;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public List<Taint> taints() {
        return taints;
    }

    public boolean isUnschedulable() {
        return unschedulable;
    }

    /** {@code status.allocatable} (the capacity, when the node reports no allocatable amounts). */
    public Resources allocatable() {
        return allocatable;
    }

    /** {@code allocatable.pods}: how many pods the node takes. */
    public long allowedPods() {
        return allowedPods;
    }

    /** The sum of the requests of the pods on the node. */
    public Resources requested() {
        return requested;
    }

    /** The pods' cpu requests, 100m for each container without one: what scoring uses. */
    public long nonZeroMilliCpu() {
        return nonZeroMilliCpu;
    }

    /** The pods' memory requests, 200 MiB for each container without one: what scoring uses. */
    public long nonZeroMemory() {
        return nonZeroMemory;
    }

    public int podCount() {
        return pods.size();
    }

    public List<PodInfo> pods() {
        return Collections.unmodifiableList(pods);
    }

    /** The host ports the pods on the node hold. */
    public List<HostPort> usedPorts() {
        return Collections.unmodifiableList(usedPorts);
    }

    @Override
    public String toString() {
        return name + " (" + pods.size() + " pods, requested " + requested + " of " + allocatable + ")";
    }
}
