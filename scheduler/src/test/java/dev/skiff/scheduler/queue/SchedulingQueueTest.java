package dev.skiff.scheduler.queue;

import dev.skiff.scheduler.framework.ClusterEvent;
import dev.skiff.scheduler.framework.PodInfo;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.skiff.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class SchedulingQueueTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final SchedulingQueue queue = new SchedulingQueue(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(5),
            Map.of("NodeResourcesFit", Set.of(ClusterEvent.assignedPod(ClusterEvent.DELETE), ClusterEvent.node(ClusterEvent.ADD)),
                    "TaintToleration", Set.of(ClusterEvent.node(ClusterEvent.ADD | ClusterEvent.UPDATE_TAINT))),
            clock::get);

    @Test
    void popsHigherPriorityFirstThenTheLongestQueued() throws Exception {
        queue.add(pod("low-old", 0));
        tick(1);
        queue.add(pod("high", 100));
        tick(1);
        queue.add(pod("low-new", 0));

        assertThat(queue.pop().key()).isEqualTo("default/high");
        assertThat(queue.pop().key()).isEqualTo("default/low-old");
        assertThat(queue.pop().key()).isEqualTo("default/low-new");
    }

    @Test
    void anUnschedulablePodWaitsForAnEventItsRejectingPluginsRegisteredFor() throws Exception {
        queue.add(pod("p", 0));
        QueuedPodInfo popped = queue.pop();
        queue.addUnschedulable(popped, popped.pod(), Set.of("TaintToleration"));
        assertThat(queue.counts().unschedulable()).isEqualTo(1);

        queue.moveOnEvent(ClusterEvent.assignedPod(ClusterEvent.DELETE));
        assertThat(queue.counts().unschedulable()).as("a pod leaving a node does not help with taints").isEqualTo(1);

        tick(5);
        queue.moveOnEvent(ClusterEvent.node(ClusterEvent.UPDATE_TAINT));
        assertThat(queue.counts().unschedulable()).isZero();
        assertThat(queue.counts().active()).as("its 1 s back-off is over").isEqualTo(1);
        assertThat(queue.pop().attempts()).isEqualTo(2);
    }

    @Test
    void aPodMovedDuringItsBackOffWaitsItOut() throws Exception {
        queue.add(pod("p", 0));
        addUnschedulable(queue.pop(), Set.of("NodeResourcesFit"));
        queue.moveOnEvent(ClusterEvent.node(ClusterEvent.ADD));
        assertThat(queue.counts().backoff()).isEqualTo(1);

        tick(1);
        queue.flush();
        assertThat(queue.counts().active()).isEqualTo(1);
        assertThat(queue.pop().key()).isEqualTo("default/p");
    }

    @Test
    void backOffDoublesWithEachAttemptUpToTheMaximum() throws Exception {
        queue.add(pod("p", 0));
        for (long seconds : new long[] {1, 2, 4, 8, 10, 10}) {
            requeueAfterError(queue.pop());
            tick(seconds - 1);
            queue.flush();
            assertThat(queue.counts().backoff()).as("still backing off before %d s", seconds).isEqualTo(1);
            tick(1);
            queue.flush();
            assertThat(queue.counts().active()).as("back-off of %d s over", seconds).isEqualTo(1);
        }
        assertThat(queue.pop().attempts()).isEqualTo(7);
    }

    @Test
    void aPodDeletedAndCreatedAgainStartsAfresh() throws Exception {
        queue.add(pod("p", 0));
        requeueAfterError(queue.pop());
        queue.delete("default/p");
        queue.add(pod("p", 0));

        QueuedPodInfo fresh = queue.pop();
        assertThat(fresh.attempts()).isEqualTo(1);
    }

    @Test
    void unschedulablePodsAreTriedAgainAfterTheLongestWait() {
        queue.add(pod("p", 0));
        addUnschedulable(pop(), Set.of("TaintToleration"));
        tick(299);
        queue.flush();
        assertThat(queue.counts().unschedulable()).isEqualTo(1);
        tick(31);
        queue.flush();
        assertThat(queue.counts().unschedulable()).as("checked every 30 s, due after 5 min").isZero();
        assertThat(queue.counts().active()).isEqualTo(1);
    }

    @Test
    void aPodThatChangesOrAClusterChangeWhileItIsScheduledSkipsTheUnschedulableWait() throws Exception {
        queue.add(pod("changed", 0));
        QueuedPodInfo changed = queue.pop();
        queue.update(PodInfo.of(new PodBuilder(pod("changed", 0).pod()).editMetadata().addToLabels("fixed", "yes").endMetadata().build()));
        queue.addUnschedulable(changed, changed.pod(), Set.of("TaintToleration"));
        assertThat(queue.counts().backoff()).isEqualTo(1);
        assertThat(queue.counts().unschedulable()).isZero();

        queue.add(pod("raced", 0));
        QueuedPodInfo raced = queue.pop();
        assertThat(raced.key()).isEqualTo("default/raced");
        queue.moveOnEvent(ClusterEvent.node(ClusterEvent.ADD));
        queue.addUnschedulable(raced, raced.pod(), Set.of("TaintToleration"));
        assertThat(queue.counts().unschedulable()).isZero();

        tick(20);
        queue.flush();
        assertThat(queue.counts().backoff()).isZero();
        QueuedPodInfo changedAgain = queue.pop();
        assertThat(changedAgain.pod().labels()).as("the newest state").containsEntry("fixed", "yes");
    }

    @Test
    void aStatusChangeDoesNotMoveAnUnschedulablePodButASpecChangeDoes() throws Exception {
        queue.add(pod("p", 0));
        addUnschedulable(queue.pop(), Set.of("TaintToleration"));

        queue.update(PodInfo.of(new PodBuilder(pod("p", 0).pod()).editMetadata().withResourceVersion("2").endMetadata()
                .withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False").endCondition().endStatus().build()));
        assertThat(queue.counts().unschedulable()).isEqualTo(1);

        queue.update(PodInfo.of(new PodBuilder(pod("p", 0).pod()).editSpec().addNewToleration().withOperator("Exists").endToleration()
                .endSpec().build()));
        assertThat(queue.counts().unschedulable()).isZero();
        assertThat(queue.counts().backoff()).isEqualTo(1);
    }

    @Test
    void aPodDeletedWhileInFlightIsDropped() throws Exception {
        queue.add(pod("p", 0));
        QueuedPodInfo popped = queue.pop();
        queue.delete("default/p");
        queue.addUnschedulable(popped, popped.pod(), Set.of());
        queue.requeueAfterError(popped, popped.pod());

        assertThat(queue.counts().pending()).isZero();
    }

    @Test
    void popWaitsForAPodAndReturnsNullOnceClosed() throws Exception {
        CompletableFuture<QueuedPodInfo> waiting = CompletableFuture.supplyAsync(this::pop);
        queue.add(pod("late", 0));
        assertThat(waiting.get(10, TimeUnit.SECONDS).key()).isEqualTo("default/late");

        CompletableFuture<QueuedPodInfo> closed = CompletableFuture.supplyAsync(this::pop);
        queue.close();
        assertThat(closed.get(10, TimeUnit.SECONDS)).isNull();
    }

    private QueuedPodInfo pop() {
        try {
            return queue.pop();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void addUnschedulable(QueuedPodInfo popped, Set<String> plugins) {
        queue.addUnschedulable(popped, popped.pod(), plugins);
    }

    private void requeueAfterError(QueuedPodInfo popped) {
        queue.requeueAfterError(popped, popped.pod());
    }

    private void tick(long seconds) {
        clock.addAndGet(seconds * SECOND);
    }

    private static PodInfo pod(String name, int priority) {
        return PodInfo.of(dev.skiff.scheduler.testing.Fixtures.pod(name, "100m", null).editSpec().withPriority(priority).endSpec().build());
    }
}
