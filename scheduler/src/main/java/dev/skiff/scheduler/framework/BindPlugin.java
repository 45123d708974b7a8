package dev.skiff.scheduler.framework;

/**
 * Binds the pod to the chosen node, off the scheduling thread. The first bind plugin that does not
 * say {@link Status#skip()} decides the outcome.
 */
public interface BindPlugin extends Plugin {

    Status bind(CycleState state, PodInfo pod, String nodeName);
}
