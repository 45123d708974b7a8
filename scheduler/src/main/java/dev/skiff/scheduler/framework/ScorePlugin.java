package dev.skiff.scheduler.framework;

/**
 * Ranks a node that passed the filters: a score from 0 to {@link #MAX_SCORE} (after
 * {@link NormalizeScorePlugin#normalizeScore}, if the plugin has it), which the framework multiplies
 * by the plugin's weight and adds to the other plugins'. Called for many nodes, possibly on several
 * threads at once: it must only read the state and the node.
 */
public interface ScorePlugin extends Plugin {

    /** Kubernetes' {@code MaxNodeScore}. */
    long MAX_SCORE = 100;

    long score(CycleState state, PodInfo pod, NodeInfo node);
}
