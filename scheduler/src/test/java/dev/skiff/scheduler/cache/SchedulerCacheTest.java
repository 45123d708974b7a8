package dev.skiff.scheduler.cache;

import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Snapshot;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

import static dev.skiff.scheduler.testing.Fixtures.bound;
import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerCacheTest {

    private final SchedulerCache cache = new SchedulerCache();
    private final Snapshot snapshot = new Snapshot();
    private final Pod web = pod("web", "1", "1Gi").build();

    /** The node as a snapshot taken now shows it. */
    private NodeInfo current(String name) {
        Snapshot now = new Snapshot();
        cache.updateSnapshot(now);
        return now.get(name);
    }

    @Test
    void anAssumedPodCountsOnItsNodeUntilForgotten() {
        cache.addNode(node("a"));
        cache.assumePod(PodInfo.of(web), "a");

        assertThat(cache.isAssumed("default/web")).isTrue();
        assertThat(current("a").requested().milliCpu()).isEqualTo(1000);
        assertThat(cache.counts().assumedPods()).isEqualTo(1);
        assertThatThrownBy(() -> cache.assumePod(PodInfo.of(web), "a")).hasMessageContaining("in the cache already");

        cache.forgetPod("default/web");
        assertThat(cache.isAssumed("default/web")).isFalse();
        assertThat(current("a").requested().milliCpu()).isZero();
        assertThat(cache.counts()).isEqualTo(new SchedulerCache.Counts(1, 0, 0));
    }

    @Test
    void theBoundPodConfirmsTheAssumptionEvenOnAnotherNode() {
        cache.addNode(node("a"));
        cache.addNode(node("b"));
        cache.assumePod(PodInfo.of(web), "a");

        cache.addPod(PodInfo.of(bound(web, "b")));

        assertThat(cache.isAssumed("default/web")).isFalse();
        assertThat(current("a").pods()).isEmpty();
        assertThat(current("b").pods()).extracting(PodInfo::key).containsExactly("default/web");
        cache.forgetPod("default/web");
        assertThat(current("b").pods()).as("a confirmed pod is not forgotten").hasSize(1);
        cache.removePod("default/web");
        assertThat(current("b").pods()).isEmpty();
    }

    @Test
    void aDeletedAssumedPodNoLongerCounts() {
        cache.addNode(node("a"));
        cache.assumePod(PodInfo.of(web), "a");

        cache.removePod("default/web");

        assertThat(cache.counts()).isEqualTo(new SchedulerCache.Counts(1, 0, 0));
        assertThat(current("a").requested().isZero()).isTrue();
    }

    @Test
    void podsBoundToANodeNotSeenYetWaitForItOutsideTheSnapshot() {
        cache.addPod(PodInfo.of(bound(web, "late")));
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.size()).isZero();

        cache.addNode(node("late"));
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("late").pods()).hasSize(1);

        cache.removeNode("late");
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.size()).isZero();
        assertThat(cache.counts().pods()).as("its pods stay counted until deleted").isEqualTo(1);
        cache.removePod("default/web");
        assertThat(cache.counts().pods()).isZero();
        cache.addNode(node("late"));
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("late").pods()).as("nothing left over when the node comes back").isEmpty();
    }

    @Test
    void theSnapshotCopiesOnlyTheNodesChangedSinceItsLastUpdate() {
        cache.addNode(node("a"));
        cache.addNode(node("b"));
        cache.addNode(node("c"));
        cache.updateSnapshot(snapshot);
        NodeInfo a = snapshot.get("a");
        NodeInfo b = snapshot.get("b");
        assertThat(snapshot.nodes()).extracting(NodeInfo::name).containsExactly("a", "b", "c");

        cache.assumePod(PodInfo.of(web), "b");
        cache.updateSnapshot(snapshot);

        assertThat(snapshot.get("a")).isSameAs(a);
        assertThat(snapshot.get("b")).isNotSameAs(b);
        assertThat(snapshot.get("b").requested().milliCpu()).isEqualTo(1000);
        assertThat(b.requested().milliCpu()).as("the earlier copy is untouched").isZero();

        cache.updateNode(node("c", "8", "16Gi").build());
        cache.removeNode("a");
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.nodes()).extracting(NodeInfo::name).containsExactly("b", "c");
        assertThat(snapshot.get("c").allocatable().milliCpu()).isEqualTo(8000);
    }
}
