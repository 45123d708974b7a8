package dev.skiff.scheduler.framework;

import java.util.Map;

/**
 * Runs when no node passed the filters, with each node's rejection, to make room for the pod
 * (Kubernetes' preemption). It may name a node that will fit once its victims are gone.
 */
public interface PostFilterPlugin extends Plugin {

    /** What a PostFilter did: the node nominated for the pod (or null) and what it says about it. */
    record Result(String nominatedNode, Status status) {
    }

    Result postFilter(CycleState state, PodInfo pod, Map<String, Status> rejections);
}
