package dev.skiff.scheduler;

import dev.skiff.informer.ResourceEventHandler;
import dev.skiff.scheduler.cache.SchedulerCache;
import dev.skiff.scheduler.framework.ClusterEvent;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Snapshot;
import dev.skiff.scheduler.queue.QueuedPodInfo;
import dev.skiff.scheduler.queue.SchedulingQueue;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static dev.skiff.scheduler.testing.Fixtures.bound;
import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class EventHandlersTest {

    private final SchedulerCache cache = new SchedulerCache();
    private final SchedulingQueue queue = new SchedulingQueue(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(5),
            Map.of("NodeResourcesFit", Set.of(ClusterEvent.assignedPod(ClusterEvent.DELETE))), System::nanoTime);
    private final EventHandlers handlers = new EventHandlers("default-scheduler", cache, queue);
    private final ResourceEventHandler<Pod> pods = handlers.pods();

    private NodeInfo current(String name) {
        Snapshot snapshot = new Snapshot();
        cache.updateSnapshot(snapshot);
        return snapshot.get(name);
    }

    @Test
    void aPendingPodIsQueuedAndLeavesTheQueueForTheCacheOnceBound() {
        Pod pending = pod("p", "1", null).build();
        pods.onAdd(pending);
        assertThat(queue.counts().active()).isEqualTo(1);

        cache.addNode(node("a"));
        pods.onUpdate(pending, bound(pending, "a"));

        assertThat(queue.counts().pending()).isZero();
        assertThat(current("a").requested().milliCpu()).isEqualTo(1000);
    }

    @Test
    void aPodThatEndedCountsAsDeletedAndFreesItsRoom() throws Exception {
        cache.addNode(node("a"));
        Pod running = bound(pod("done", "1", null).build(), "a");
        pods.onAdd(running);
        pods.onAdd(pod("waiting", "4", null).build());
        QueuedPodInfo waiting = queue.pop();
        queue.addUnschedulable(waiting, waiting.pod(), Set.of("NodeResourcesFit"));

        pods.onUpdate(running, new PodBuilder(running).withNewStatus().withPhase("Succeeded").endStatus().build());

        assertThat(current("a").pods()).isEmpty();
        assertThat(queue.counts().unschedulable()).as("a pod leaving a node is an event for NodeResourcesFit").isZero();
        pods.onAdd(new PodBuilder(pod("finished-before", null, null).build()).withNewStatus().withPhase("Failed").endStatus().build());
        assertThat(queue.counts().active()).isEqualTo(1);
    }

    @Test
    void onlyChangesThatCanMakeAPodFitAreNodeEvents() {
        Node before = node("a");
        Node heartbeat = new NodeBuilder(before).editStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
        Node relabelled = new NodeBuilder(before).editMetadata().addToLabels("disk", "ssd").endMetadata().build();
        Node tainted = new NodeBuilder(before).editSpec().addNewTaint().withKey("k").withEffect("NoSchedule").endTaint().endSpec().build();
        Node cordoned = new NodeBuilder(before).editSpec().withUnschedulable(true).endSpec().build();
        Node grown = new NodeBuilder(before).editStatus().addToAllocatable("cpu", new Quantity("64")).endStatus().build();

        assertThat(EventHandlers.schedulingChanges(before, heartbeat)).isZero();
        assertThat(EventHandlers.schedulingChanges(before, relabelled)).isEqualTo(ClusterEvent.UPDATE_LABEL);
        assertThat(EventHandlers.schedulingChanges(before, tainted)).isEqualTo(ClusterEvent.UPDATE_TAINT);
        assertThat(EventHandlers.schedulingChanges(before, cordoned)).isEqualTo(ClusterEvent.UPDATE_UNSCHEDULABLE);
        assertThat(EventHandlers.schedulingChanges(before, grown)).isEqualTo(ClusterEvent.UPDATE_ALLOCATABLE);
    }

    @Test
    void aDeletedPendingPodLeavesTheQueueAndAnAssumedOneTheCache() {
        cache.addNode(node("a"));
        Pod pending = pod("p", "1", null).build();
        pods.onAdd(pending);
        cache.assumePod(PodInfo.of(pending), "a");

        pods.onDelete(pending);

        assertThat(queue.counts().pending()).isZero();
        assertThat(cache.isAssumed("default/p")).isFalse();
        assertThat(current("a").pods()).isEmpty();
    }
}
