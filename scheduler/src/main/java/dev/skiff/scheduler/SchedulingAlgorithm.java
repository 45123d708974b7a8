package dev.skiff.scheduler;

import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.Diagnosis;
import dev.skiff.scheduler.framework.Framework;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.Parallelizer;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.PostFilterPlugin;
import dev.skiff.scheduler.framework.Snapshot;
import dev.skiff.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One pod's placement, as Kubernetes' {@code schedulePod}: PreFilter, then Filter over the nodes
 * until enough feasible ones are found ({@link #numFeasibleNodesToFind}), starting where the last
 * pod's search stopped so that every node gets its turn; PostFilter if none fits; PreScore and
 * Score over the feasible nodes; the highest total wins, ties broken at random. Used by the
 * scheduling thread only.
 */
public final class SchedulingAlgorithm {

    /** Below this many nodes every node is checked. */
    static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    /** The smallest share of a large cluster that is checked, in percent. */
    static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

    private final int percentageOfNodesToScore;
    private final Parallelizer parallelizer;
    private final Random random;
    private int nextStartNodeIndex;

    /** What came of one pod: a node, or why none (a diagnosis when it fits nowhere, an error status otherwise). */
    public record Result(String node, int evaluatedNodes, int feasibleNodes, Diagnosis diagnosis, Status error) {

        static Result placed(String node, int evaluated, int feasible) {
            return new Result(node, evaluated, feasible, null, null);
        }

        static Result unschedulable(Diagnosis diagnosis) {
            return new Result(null, diagnosis.numAllNodes(), 0, diagnosis, null);
        }

        static Result failed(Status error) {
            return new Result(null, 0, 0, null, error);
        }
    }

    /**
     * @param percentageOfNodesToScore share of the nodes to find feasible before scoring, 1 to 100;
     *                                 0 for Kubernetes' adaptive share
     */
    public SchedulingAlgorithm(int percentageOfNodesToScore, Parallelizer parallelizer, Random random) {
        if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
            throw new IllegalArgumentException("percentageOfNodesToScore must be 0 to 100, got " + percentageOfNodesToScore);
        }
        this.percentageOfNodesToScore = percentageOfNodesToScore;
        this.parallelizer = parallelizer;
        this.random = random;
    }

    /**
     * How many feasible nodes to look for among {@code allNodes} before scoring, as Kubernetes'
     * {@code numFeasibleNodesToFind}: all of them below 100 nodes; otherwise the configured
     * percentage, or adaptively {@code 50 - allNodes/125} percent but at least 5 (50% of 1,000
     * nodes, 10% of 5,000, 5% from 5,625), and never fewer than 100.
     */
    public static int numFeasibleNodesToFind(int percentage, int allNodes) {
        if (allNodes < MIN_FEASIBLE_NODES_TO_FIND) {
            return allNodes;
        }
        int share = percentage;
        if (share == 0) {
            share = Math.max(50 - allNodes / 125, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
        }
        int nodes = (int) ((long) allNodes * share / 100);
        return Math.max(nodes, MIN_FEASIBLE_NODES_TO_FIND);
    }

    public Result schedule(Framework framework, CycleState state, PodInfo pod) {
        Snapshot snapshot = state.snapshot();
        int allNodes = snapshot.size();
        if (allNodes == 0) {
            return Result.unschedulable(Diagnosis.filtered(0, Map.of()));
        }
        Status preFilter = framework.runPreFilter(state, pod);
        if (preFilter.isError()) {
            return Result.failed(preFilter);
        }
        if (!preFilter.isSuccess()) {
            return Result.unschedulable(Diagnosis.preFiltered(allNodes, preFilter));
        }
        Map<String, Status> rejections = new HashMap<>();
        AtomicReference<Status> filterError = new AtomicReference<>();
        List<NodeInfo> feasible = findFeasibleNodes(framework, state, pod, snapshot.nodes(), rejections, filterError);
        if (filterError.get() != null) {
            return Result.failed(filterError.get());
        }
        if (feasible.isEmpty()) {
            Diagnosis diagnosis = Diagnosis.filtered(allNodes, rejections);
            PostFilterPlugin.Result postFilter = framework.runPostFilter(state, pod, diagnosis.rejections());
            if (postFilter.status().isError()) {
                return Result.failed(postFilter.status());
            }
            return Result.unschedulable(diagnosis.withPostFilterMessage(postFilter.status().message()));
        }
        int evaluated = feasible.size() + rejections.size();
        if (feasible.size() == 1) {
            return Result.placed(feasible.get(0).name(), evaluated, 1);
        }
        Status preScore = framework.runPreScore(state, pod, feasible);
        if (!preScore.isSuccess()) {
            return Result.failed(preScore);
        }
        long[] scores = framework.runScore(state, pod, feasible, parallelizer);
        return Result.placed(selectHost(feasible, scores), evaluated, feasible.size());
    }

    /**
     * Filters nodes from {@link #nextStartNodeIndex} on, in parallel when there are many, until
     * {@link #numFeasibleNodesToFind} pass; the rejections of the nodes checked go into
     * {@code rejections}. The next pod's search starts after the last node checked.
     */
    private List<NodeInfo> findFeasibleNodes(Framework framework, CycleState state, PodInfo pod, List<NodeInfo> nodes,
                                             Map<String, Status> rejections, AtomicReference<Status> error) {
        int allNodes = nodes.size();
        int wanted = numFeasibleNodesToFind(percentageOfNodesToScore, allNodes);
        int start = nextStartNodeIndex;
        if (!framework.hasFilterPlugins()) {
            List<NodeInfo> feasible = new ArrayList<>(wanted);
            for (int i = 0; i < wanted; i++) {
                feasible.add(nodes.get((start + i) % allNodes));
            }
            nextStartNodeIndex = (start + wanted) % allNodes;
            return feasible;
        }
        NodeInfo[] found = new NodeInfo[wanted];
        Status[] rejected = new Status[allNodes];
        AtomicInteger feasibleCount = new AtomicInteger();
        parallelizer.until(allNodes, wanted, i -> {
            NodeInfo node = nodes.get((start + i) % allNodes);
            Status status = framework.runFilter(state, pod, node);
            if (status.isSuccess()) {
                int count = feasibleCount.incrementAndGet();
                if (count > wanted) {
                    feasibleCount.decrementAndGet();
                    return false;
                }
                found[count - 1] = node;
                return count < wanted;
            }
            if (status.isError()) {
                error.compareAndSet(null, status);
                return false;
            }
            rejected[i] = status;
            return true;
        });
        for (int i = 0; i < allNodes; i++) {
            if (rejected[i] != null) {
                rejections.put(nodes.get((start + i) % allNodes).name(), rejected[i]);
            }
        }
        int feasibleNodes = feasibleCount.get();
        nextStartNodeIndex = (start + feasibleNodes + rejections.size()) % allNodes;
        return Arrays.asList(Arrays.copyOf(found, feasibleNodes));
    }

    /** The node with the highest total; among equals, each is equally likely (reservoir sampling, as Kubernetes). */
    private String selectHost(List<NodeInfo> nodes, long[] scores) {
        int best = 0;
        int ties = 1;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
                ties = 1;
            } else if (scores[i] == scores[best]) {
                ties++;
                if (random.nextInt(ties) == 0) {
                    best = i;
                }
            }
        }
        return nodes.get(best).name();
    }
}
