package dev.skiff.scheduler.framework;

import java.util.List;

/**
 * A {@link ScorePlugin} whose raw scores are brought into 0 to {@link ScorePlugin#MAX_SCORE} once
 * every node has been scored (Kubernetes' {@code ScoreExtensions.NormalizeScore}).
 */
public interface NormalizeScorePlugin extends ScorePlugin {

    /** Rewrites {@code scores[i]}, the score of {@code nodes.get(i)}, in place. */
    void normalizeScore(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores);

    /**
     * Kubernetes' {@code DefaultNormalizeScore}: scales the scores so that the highest becomes
     * {@link ScorePlugin#MAX_SCORE}; reversed, the highest becomes 0 and all-zero scores all become
     * the maximum.
     */
    static void defaultNormalize(long[] scores, boolean reverse) {
        long highest = 0;
        for (long score : scores) {
            highest = Math.max(highest, score);
        }
        for (int i = 0; i < scores.length; i++) {
            long scaled = highest == 0 ? 0 : MAX_SCORE * scores[i] / highest;
            scores[i] = reverse ? MAX_SCORE - scaled : scaled;
        }
    }
}
