package dev.skiff.scheduler.framework;

import java.util.List;

/**
 * Runs once per cycle before scoring, with the nodes that passed the filters, to compute what Score
 * needs into the {@link CycleState}. {@link Status#skip()} leaves the plugin's Score out for this pod.
 */
public interface PreScorePlugin extends Plugin {

    Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible);
}
