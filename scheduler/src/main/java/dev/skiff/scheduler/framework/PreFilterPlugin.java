package dev.skiff.scheduler.framework;

/**
 * Runs once per scheduling cycle before any node is filtered: checks the pod itself and computes
 * what Filter needs into the {@link CycleState}. {@link Status#skip()} leaves the plugin's Filter
 * out for this pod; a rejection ends the cycle with the pod unschedulable on every node.
 */
public interface PreFilterPlugin extends Plugin {

    Status preFilter(CycleState state, PodInfo pod);
}
