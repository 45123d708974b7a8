package dev.skiff.scheduler;

import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.Framework;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.Parallelizer;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Snapshot;
import dev.skiff.scheduler.plugins.Plugins;
import dev.skiff.scheduler.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.skiff.scheduler.testing.Fixtures.bound;
import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulingAlgorithmTest {

    private final Framework framework = Plugins.framework(Plugins.Settings.defaults(), (pod, node) -> { });

    @Test
    void findsAllNodesFeasibleInSmallClustersAndAShareInLargeOnes() {
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(0, 50)).isEqualTo(50);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(0, 100)).isEqualTo(100);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(0, 150)).as("49% of 150 is below 100").isEqualTo(100);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(0, 1000)).as("42%").isEqualTo(420);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(0, 5000)).as("10%").isEqualTo(500);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(0, 10000)).as("at least 5%").isEqualTo(500);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(30, 1000)).isEqualTo(300);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(100, 5000)).isEqualTo(5000);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(1, 5000)).as("never fewer than 100").isEqualTo(100);
    }

    @Test
    void placesThePodOnTheBestScoringFeasibleNode() {
        NodeInfo full = Fixtures.nodeInfo(node("full", "2", "4Gi").build(), bound(pod("x", "2", null).build(), "full"));
        NodeInfo busy = Fixtures.nodeInfo(node("busy", "4", "8Gi").build(), bound(pod("y", "3", "6Gi").build(), "busy"));
        NodeInfo idle = new NodeInfo(node("idle", "4", "8Gi").build());
        SchedulingAlgorithm algorithm = new SchedulingAlgorithm(0, Parallelizer.sequential(), new Random(1));

        SchedulingAlgorithm.Result result = algorithm.schedule(framework, Fixtures.state(full, busy, idle),
                PodInfo.of(pod("p", "500m", "1Gi").build()));

        assertThat(result.node()).isEqualTo("idle");
        assertThat(result.evaluatedNodes()).isEqualTo(3);
        assertThat(result.feasibleNodes()).isEqualTo(2);
    }

    @Test
    void aPodThatFitsNowhereGetsEveryNodesReason() {
        NodeInfo small = new NodeInfo(node("small", "1", "1Gi").build());
        NodeInfo gpu = new NodeInfo(node("gpu", "8", "8Gi").editSpec().addNewTaint().withKey("dedicated").withValue("gpu")
                .withEffect("NoSchedule").endTaint().endSpec().build());
        SchedulingAlgorithm algorithm = new SchedulingAlgorithm(0, Parallelizer.sequential(), new Random(1));

        SchedulingAlgorithm.Result result = algorithm.schedule(framework, Fixtures.state(small, gpu), PodInfo.of(pod("p", "2", null).build()));

        assertThat(result.node()).isNull();
        assertThat(result.diagnosis().message())
                .isEqualTo("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}.");
        assertThat(result.diagnosis().unschedulablePlugins()).containsExactlyInAnyOrder("NodeResourcesFit", "TaintToleration");
        assertThat(algorithm.schedule(framework, Fixtures.state(), PodInfo.of(pod("q", null, null).build())).diagnosis().message())
                .isEqualTo("no nodes available to schedule pods");
    }

    @Test
    void inALargeClusterStopsAtTheShareAndStartsTheNextSearchWhereThisOneStopped() {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            nodes.add(new NodeInfo(node(String.format("n%04d", i))));
        }
        Snapshot snapshot = Fixtures.snapshot(nodes);
        SchedulingAlgorithm algorithm = new SchedulingAlgorithm(0, Parallelizer.sequential(), new Random(1));

        SchedulingAlgorithm.Result first = algorithm.schedule(framework, new CycleState(snapshot), PodInfo.of(pod("p1", "100m", null).build()));
        SchedulingAlgorithm.Result second = algorithm.schedule(framework, new CycleState(snapshot), PodInfo.of(pod("p2", "100m", null).build()));

        assertThat(first.evaluatedNodes()).isEqualTo(420);
        assertThat(first.node()).isLessThan("n0420");
        assertThat(second.node()).as("searched from n0420 on").isBetween("n0420", "n0839");
    }

    @Test
    void filteringOnSeveralThreadsFindsAsManyFeasibleNodes() {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            nodes.add(i % 2 == 0 ? new NodeInfo(node("n" + i)) : new NodeInfo(node("n" + i, "100m", "1Gi").build()));
        }
        Snapshot snapshot = Fixtures.snapshot(nodes);
        try (Parallelizer parallelizer = new Parallelizer(4, 100)) {
            SchedulingAlgorithm algorithm = new SchedulingAlgorithm(0, parallelizer, new Random(1));
            SchedulingAlgorithm.Result result = algorithm.schedule(framework, new CycleState(snapshot), PodInfo.of(pod("p", "1", null).build()));

            assertThat(result.feasibleNodes()).isEqualTo(500);
            // threads take chunks of nodes at once, so the 500 may be found before every node ahead of them was checked
            assertThat(result.evaluatedNodes()).as("it stopped once it had enough").isGreaterThanOrEqualTo(500).isLessThan(5000);
            assertThat(Integer.parseInt(result.node().substring(1)) % 2).as("a node with room").isZero();
        }
    }

    @Test
    void tiesAreBrokenAtRandom() {
        List<NodeInfo> nodes = List.of(new NodeInfo(node("a")), new NodeInfo(node("b")), new NodeInfo(node("c")));
        Snapshot snapshot = Fixtures.snapshot(nodes);
        SchedulingAlgorithm algorithm = new SchedulingAlgorithm(0, Parallelizer.sequential(), new Random(7));
        Map<String, Integer> chosen = new HashMap<>();

        for (int i = 0; i < 300; i++) {
            chosen.merge(algorithm.schedule(framework, new CycleState(snapshot), PodInfo.of(pod("p" + i, "100m", null).build())).node(), 1, Integer::sum);
        }

        assertThat(chosen).containsOnlyKeys("a", "b", "c");
        assertThat(chosen.values()).allMatch(count -> count > 50);
    }
}
