package dev.skiff.scheduler.framework;

/**
 * Says whether the pod can run on one node. Called for many nodes, possibly on several threads at
 * once: it must only read the state and the node.
 */
public interface FilterPlugin extends Plugin {

    Status filter(CycleState state, PodInfo pod, NodeInfo node);
}
