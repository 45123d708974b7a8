package dev.skiff.informer;

import dev.skiff.api.selector.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static dev.skiff.informer.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class InformerTest {

    private final FakeEventSource<Pod> source = new FakeEventSource<>();
    private final RecordingHandler<Pod> handler = new RecordingHandler<>();
    private Informer<Pod> informer = new Informer<>(source);

    @AfterEach
    void tearDown() {
        informer.stop();
    }

    private EventSource.Listener<Pod> started() {
        informer.addEventHandler(handler);
        informer.start();
        return source.listener();
    }

    @Test
    void theFirstFullStateFillsTheCacheAndIsAnAddForEachObject() throws Exception {
        var listener = started();
        assertThat(informer.hasSynced()).isFalse();

        listener.reset(List.of(pod("a", "one", 3), pod("b", "two", 5)), "7");

        assertThat(informer.hasSynced()).isTrue();
        assertThat(informer.awaitSynced(Duration.ZERO)).isTrue();
        assertThat(informer.lastSyncResourceVersion()).isEqualTo("7");
        assertThat(handler.calls()).containsExactlyInAnyOrder("add a/one@3", "add b/two@5");
        assertThat(informer.indexer().listKeys()).containsExactlyInAnyOrder("a/one", "b/two");
        assertThat(informer.indexer().get("a/one")).get().extracting(p -> p.getMetadata().getResourceVersion())
                .isEqualTo("3");
    }

    @Test
    void changesReachTheCacheAndTheHandlers() {
        var listener = started();
        listener.reset(List.of(), "1");

        listener.event(EventType.ADDED, pod("a", "one", 2));
        listener.event(EventType.MODIFIED, pod("a", "one", 3));
        listener.event(EventType.DELETED, pod("a", "one", 4));

        assertThat(handler.calls()).containsExactly("add a/one@2", "update a/one@2->3", "delete a/one@4");
        assertThat(informer.indexer().size()).isZero();
        assertThat(informer.lastSyncResourceVersion()).isEqualTo("4");
    }

    @Test
    void anEventNotNewerThanTheCachedObjectIsDropped() {
        var listener = started();
        listener.reset(List.of(pod("a", "one", 5)), "5");
        handler.clear();

        listener.event(EventType.ADDED, pod("a", "one", 5));
        listener.event(EventType.MODIFIED, pod("a", "one", 5));
        listener.event(EventType.MODIFIED, pod("a", "one", 4));
        listener.event(EventType.DELETED, pod("a", "one", 3));

        assertThat(handler.calls()).isEmpty();
        assertThat(informer.indexer().get("a/one").orElseThrow().getMetadata().getResourceVersion()).isEqualTo("5");
        assertThat(informer.lastSyncResourceVersion()).isEqualTo("5");
    }

    @Test
    void aReSentHistoryAfterADeleteAndReCreateLeavesTheNewObject() {
        var listener = started();
        listener.reset(List.of(), "1");
        listener.event(EventType.ADDED, pod("a", "one", 2));
        listener.event(EventType.DELETED, pod("a", "one", 3));
        listener.event(EventType.ADDED, pod("a", "one", 4));
        handler.clear();

        // a relay re-sending from an older checkpoint
        listener.event(EventType.ADDED, pod("a", "one", 2));
        listener.event(EventType.DELETED, pod("a", "one", 3));
        listener.event(EventType.ADDED, pod("a", "one", 4));

        assertThat(handler.calls()).isEmpty();
        assertThat(informer.indexer().get("a/one").orElseThrow().getMetadata().getResourceVersion()).isEqualTo("4");
    }

    @Test
    void aDeleteOfAnObjectNotCachedIsDropped() {
        var listener = started();
        listener.reset(List.of(), "1");

        listener.event(EventType.DELETED, pod("a", "one", 2));
        listener.deleted("a/two", "3");

        assertThat(handler.calls()).isEmpty();
    }

    @Test
    void aRelistTellsOnlyWhatDiffersFromTheCache() {
        var listener = started();
        listener.reset(List.of(pod("a", "same", 1), pod("a", "changed", 2), pod("a", "gone", 3)), "3");
        handler.clear();

        listener.reset(List.of(pod("a", "same", 1), pod("a", "changed", 5), pod("a", "new", 6)), "9");

        assertThat(handler.calls()).containsExactlyInAnyOrder(
                "update a/changed@2->5", "add a/new@6", "delete a/gone@3");
        assertThat(informer.indexer().listKeys()).containsExactlyInAnyOrder("a/same", "a/changed", "a/new");
        assertThat(informer.lastSyncResourceVersion()).isEqualTo("9");
    }

    @Test
    void aRestoredStateIsCachedSilentlyAndTheFollowingResetTellsOnlyTheDifference() {
        var listener = started();

        listener.restore(List.of(pod("a", "kept", 1), pod("a", "changed", 2), pod("a", "gone", 3)));
        assertThat(handler.calls()).isEmpty();
        assertThat(informer.hasSynced()).isFalse();
        assertThat(informer.indexer().size()).isEqualTo(3);

        listener.reset(List.of(pod("a", "kept", 1), pod("a", "changed", 4), pod("a", "new", 5)), "5");

        assertThat(handler.calls()).containsExactlyInAnyOrder(
                "update a/changed@2->4", "add a/new@5", "delete a/gone@3");
        assertThat(informer.hasSynced()).isTrue();
    }

    @Test
    void aDeletedKeyRemovesTheCachedObjectAndHandsItsLastStateToTheHandlers() {
        var listener = started();
        listener.reset(List.of(pod("a", "one", 2), pod("a", "two", 9)), "9");
        handler.clear();

        listener.deleted("a/one", "4");
        listener.deleted("a/two", "8");

        assertThat(handler.calls()).containsExactly("delete a/one@2");
        assertThat(informer.indexer().listKeys()).containsExactly("a/two");
    }

    @Test
    void indexesFollowTheObjects() {
        var listener = started();
        informer.addIndex("by-image", p -> p.getSpec().getContainers().stream().map(c -> c.getImage()).toList());
        Pod owned = new PodBuilder(pod("a", "owned", 1, "node-1"))
                .editMetadata().addNewOwnerReference().withUid("rs-1").withKind("ReplicaSet").withName("rs")
                .withApiVersion("apps/v1").endOwnerReference().endMetadata()
                .build();
        listener.reset(List.of(owned, pod("a", "pending", 2), pod("b", "other", 3, "node-2")), "3");

        assertThat(keys(informer.indexer().byIndex(Indexes.NAMESPACE, "a"))).containsExactlyInAnyOrder("a/owned", "a/pending");
        assertThat(keys(informer.indexer().byIndex(Indexes.NODE_NAME, "node-1"))).containsExactly("a/owned");
        assertThat(keys(informer.indexer().byIndex(Indexes.NODE_NAME, ""))).containsExactly("a/pending");
        assertThat(keys(informer.indexer().byIndex(Indexes.OWNER_UID, "rs-1"))).containsExactly("a/owned");
        assertThat(informer.indexer().byIndex("by-image", "busybox")).hasSize(3);

        listener.event(EventType.MODIFIED, pod("a", "pending", 4, "node-1"));
        listener.event(EventType.DELETED, pod("a", "owned", 5, "node-1"));

        assertThat(keys(informer.indexer().byIndex(Indexes.NODE_NAME, "node-1"))).containsExactly("a/pending");
        assertThat(informer.indexer().byIndex(Indexes.NODE_NAME, "")).isEmpty();
        assertThat(informer.indexer().byIndex(Indexes.OWNER_UID, "rs-1")).isEmpty();
        assertThatThrownBy(() -> informer.indexer().byIndex("nope", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void objectsOfOtherKindsAreNotInTheNodeIndexAndClusterScopedOnesAreInNamespaceEmpty() {
        FakeEventSource<Namespace> namespaces = new FakeEventSource<>();
        Informer<Namespace> namespaceInformer = new Informer<>(namespaces);
        namespaceInformer.start();
        try {
            namespaces.listener().reset(List.of(new NamespaceBuilder().withNewMetadata().withName("default")
                    .withResourceVersion("1").endMetadata().build()), "1");

            assertThat(namespaceInformer.indexer().listKeys()).containsExactly("default");
            assertThat(namespaceInformer.indexer().byIndex(Indexes.NAMESPACE, "")).hasSize(1);
            assertThat(namespaceInformer.indexer().byIndex(Indexes.NODE_NAME, "")).isEmpty();
        } finally {
            namespaceInformer.stop();
        }
    }

    @Test
    void listsByNamespaceAndLabelSelector() {
        var listener = started();
        Pod web = new PodBuilder(pod("a", "web", 1)).editMetadata().addToLabels("app", "web").endMetadata().build();
        Pod db = new PodBuilder(pod("a", "db", 2)).editMetadata().addToLabels("app", "db").endMetadata().build();
        Pod otherWeb = new PodBuilder(pod("b", "web", 3)).editMetadata().addToLabels("app", "web").endMetadata().build();
        listener.reset(List.of(web, db, otherWeb), "3");

        assertThat(keys(informer.indexer().list(LabelSelector.parse("app=web")))).containsExactlyInAnyOrder("a/web", "b/web");
        assertThat(keys(informer.indexer().list("a", LabelSelector.parse("app in (web,db)")))).containsExactlyInAnyOrder("a/web", "a/db");
        assertThat(informer.indexer().list("a", LabelSelector.everything())).hasSize(2);
    }

    @Test
    void resyncHandsEveryCachedObjectToOnUpdateAtThePeriod() {
        informer = new Informer<>(source, Duration.ofMillis(50));
        var listener = started();
        listener.reset(List.of(pod("a", "one", 1), pod("a", "two", 2)), "2");

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.calls().stream().filter(c -> c.startsWith("update")).count() >= 4);

        assertThat(handler.calls()).contains("update a/one@1->1", "update a/two@2->2");
    }

    @Test
    void aHandlerAddedLaterFirstHearsOfEveryCachedObject() {
        var listener = started();
        listener.reset(List.of(pod("a", "one", 1), pod("a", "two", 2)), "2");
        RecordingHandler<Pod> late = new RecordingHandler<>();

        informer.addEventHandler(late);
        listener.event(EventType.ADDED, pod("a", "three", 3));

        assertThat(late.calls()).containsExactlyInAnyOrder("add a/one@1", "add a/two@2", "add a/three@3");
    }

    @Test
    void aFailingHandlerDoesNotKeepTheOthersFromTheChange() {
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod object) {
                throw new IllegalStateException("broken handler");
            }
        });
        var listener = started();

        listener.reset(List.of(pod("a", "one", 1)), "1");

        assertThat(handler.calls()).containsExactly("add a/one@1");
        assertThat(informer.indexer().size()).isEqualTo(1);
    }

    @Test
    void stopStopsTheSourceAndNoHandlerHearsOfLaterDeliveries() {
        var listener = started();
        listener.reset(List.of(), "1");

        informer.stop();
        listener.event(EventType.ADDED, pod("a", "one", 2));

        assertThat(source.stopped()).isTrue();
        assertThat(handler.calls()).isEmpty();
    }

    @Test
    void startsOnce() {
        informer.start();

        assertThatThrownBy(informer::start).isInstanceOf(IllegalStateException.class);
    }

    private static List<String> keys(List<? extends Pod> pods) {
        return pods.stream().map(Indexer::keyOf).toList();
    }
}
