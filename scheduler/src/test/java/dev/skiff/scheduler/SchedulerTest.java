package dev.skiff.scheduler;

import dev.skiff.informer.ResourceEventHandler;
import dev.skiff.scheduler.binding.PodBinder;
import dev.skiff.scheduler.binding.PodStatusWriter;
import dev.skiff.scheduler.cache.SchedulerCache;
import dev.skiff.scheduler.framework.Framework;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.Parallelizer;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Snapshot;
import dev.skiff.scheduler.plugins.Plugins;
import dev.skiff.scheduler.queue.SchedulingQueue;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;

import static dev.skiff.scheduler.testing.Fixtures.bound;
import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduling loop over fakes of its ports (the api-server's binding, status and events): the
 * informers' part is played by calling the event handlers, a binding "comes back" as the pod's update.
 */
@Timeout(60)
class SchedulerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final Map<String, Pod> pods = new ConcurrentHashMap<>();
    private final Map<String, String> bindings = new ConcurrentHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> conditions = new CopyOnWriteArrayList<>();
    private final SchedulerCache cache = new SchedulerCache();
    private final Framework framework = Plugins.framework(Plugins.Settings.defaults(), new FakeBinder());
    private final SchedulingQueue queue = new SchedulingQueue(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMinutes(5),
            framework.eventsToRegister(), System::nanoTime);
    private final EventHandlers handlers = new EventHandlers("default-scheduler", cache, queue);
    private final ResourceEventHandler<Pod> podEvents = handlers.pods();
    private final ResourceEventHandler<Node> nodeEvents = handlers.nodes();
    private final Scheduler scheduler = new Scheduler(framework, queue, cache,
            new SchedulingAlgorithm(0, Parallelizer.sequential(), new Random(3)),
            new FakeStatusWriter(), new FakeEvents(), pods::get, 4);
    /** Decides whether a binding succeeds; a binding may also wait for {@link #release}. */
    private volatile BiPredicate<PodInfo, String> bindingSucceeds = (pod, node) -> true;
    private volatile CountDownLatch release = new CountDownLatch(0);

    @AfterEach
    void stop() {
        release.countDown();
        scheduler.stop(Duration.ofSeconds(5));
    }

    @Test
    void bindsEveryPendingPodAndSaysSo() {
        addNodes("a", "b", "c");
        scheduler.start();
        for (int i = 0; i < 30; i++) {
            addPod(pod("p" + i, "100m", "128Mi").build());
        }

        await().atMost(DEADLINE).until(() -> bindings.size() == 30);
        assertThat(Set.copyOf(bindings.values())).containsExactlyInAnyOrder("a", "b", "c");
        await().atMost(DEADLINE).until(() -> events.size() == 30);
        assertThat(events).contains("Scheduled default/p7: Successfully assigned default/p7 to " + bindings.get("default/p7"));
        assertThat(cache.counts().assumedPods()).isZero();
        assertThat(conditions).isEmpty();
    }

    @Test
    void neverPlacesTwoPodsOnTheSameFreeRoomWhileTheirBindingsAreUnderWay() {
        release = new CountDownLatch(1);
        nodeEvents.onAdd(node("a", "1", "4Gi").build());
        nodeEvents.onAdd(node("b", "1", "4Gi").build());
        scheduler.start();
        for (int i = 0; i < 30; i++) {
            addPod(pod("p" + i, "100m", null).build());
        }

        await().atMost(DEADLINE).until(() -> cache.counts().assumedPods() == 20 && queue.counts().unschedulable() == 10);
        for (String node : List.of("a", "b")) {
            Snapshot snapshot = new Snapshot();
            cache.updateSnapshot(snapshot);
            NodeInfo info = snapshot.get(node);
            assertThat(info.requested().milliCpu()).as("assumed on " + node).isLessThanOrEqualTo(1000);
        }
        assertThat(bindings).isEmpty();
        release.countDown();

        await().atMost(DEADLINE).until(() -> bindings.size() == 20);
        assertThat(bindings.values().stream().filter("a"::equals).count()).isEqualTo(10);
        assertThat(bindings.values().stream().filter("b"::equals).count()).isEqualTo(10);
        assertThat(conditions).hasSize(10).allMatch(c -> c.endsWith("Unschedulable: 0/2 nodes are available: 2 Insufficient cpu."));
    }

    @Test
    void anUnschedulablePodIsToldWhyAndPlacedOnceANodeFits() {
        addNodes("a");
        scheduler.start();
        addPod(pod("big", "8", null).build());

        await().atMost(DEADLINE).until(() -> conditions.size() == 1);
        assertThat(conditions).containsExactly("default/big Unschedulable: 0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(events).containsExactly("FailedScheduling default/big: 0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(queue.counts().unschedulable()).isEqualTo(1);

        nodeEvents.onAdd(node("huge", "16", "64Gi").build());
        await().atMost(DEADLINE).until(() -> "huge".equals(bindings.get("default/big")));
    }

    @Test
    void aFailedBindingIsUndoneAndRetried() {
        addNodes("a");
        AtomicBoolean refused = new AtomicBoolean();
        bindingSucceeds = (pod, node) -> !refused.compareAndSet(false, true);
        scheduler.start();
        addPod(pod("p", "100m", null).build());

        await().atMost(DEADLINE).until(() -> "a".equals(bindings.get("default/p")));
        assertThat(events).contains("FailedScheduling default/p: Binding rejected: the api-server refused (409)");
        assertThat(conditions).containsExactly("default/p SchedulerError: Binding rejected: the api-server refused (409)");
        await().atMost(DEADLINE).until(() -> cache.counts().assumedPods() == 0 && cache.counts().pods() == 1);
    }

    @Test
    void podsForAnotherSchedulerOrBeingDeletedAreLeftAlone() {
        addNodes("a");
        scheduler.start();
        addPod(pod("other", "100m", null).editSpec().withSchedulerName("my-scheduler").endSpec().build());
        addPod(pod("going", "100m", null).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build());
        addPod(pod("gated", "100m", null).editSpec().addNewSchedulingGate("example.com/wait").endSpec().build());
        addPod(pod("mine", "100m", null).build());

        await().atMost(DEADLINE).until(() -> bindings.containsKey("default/mine"));
        assertThat(bindings).containsOnlyKeys("default/mine");
        assertThat(queue.counts().pending()).isZero();
    }

    private void addNodes(String... names) {
        for (String name : names) {
            nodeEvents.onAdd(node(name));
        }
    }

    private void addPod(Pod pod) {
        pods.put(PodInfo.keyOf(pod), pod);
        podEvents.onAdd(pod);
    }

    private final class FakeBinder implements PodBinder {
        @Override
        public void bind(PodInfo pod, String nodeName) {
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (!bindingSucceeds.test(pod, nodeName)) {
                throw new IllegalStateException("the api-server refused (409)");
            }
            Pod before = pods.get(pod.key());
            Pod after = bound(before, nodeName);
            bindings.put(pod.key(), nodeName);
            pods.put(pod.key(), after);
            podEvents.onUpdate(before, after);
        }
    }

    private final class FakeStatusWriter implements PodStatusWriter {
        @Override
        public void setNotScheduled(PodInfo pod, String reason, String message) {
            conditions.add(pod.key() + " " + reason + ": " + message);
        }
    }

    private final class FakeEvents implements SchedulingEvents {
        @Override
        public void scheduled(PodInfo pod, String nodeName) {
            events.add("Scheduled " + pod.key() + ": Successfully assigned " + pod.key() + " to " + nodeName);
        }

        @Override
        public void failedScheduling(PodInfo pod, String message) {
            events.add("FailedScheduling " + pod.key() + ": " + message);
        }
    }
}
