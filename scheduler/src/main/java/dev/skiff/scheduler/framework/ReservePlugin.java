package dev.skiff.scheduler.framework;

/**
 * Told when the pod has been assumed on a node, before it is bound, to set aside what the plugin
 * keeps track of (Kubernetes' Reserve); {@link #unreserve} undoes it when a later step (a Reserve
 * of another plugin, or the bind) fails. Reserve runs on the scheduling thread, unreserve on the
 * scheduling thread or a binding thread.
 */
public interface ReservePlugin extends Plugin {

    Status reserve(CycleState state, PodInfo pod, String nodeName);

    /** Must be idempotent and must not fail. */
    void unreserve(CycleState state, PodInfo pod, String nodeName);
}
