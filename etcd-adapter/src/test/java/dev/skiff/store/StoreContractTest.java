package dev.skiff.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage port's contract, run against every backend. A subclass supplies the store; tests may
 * share the backend (one etcd per class), so each test works under a prefix of its own and relies on
 * revisions it observed, never on absolute ones.
 */
public abstract class StoreContractTest {

    private static final AtomicInteger TEST_NUMBER = new AtomicInteger();

    protected Store store;
    /** This test's own key space, e.g. {@code /registry/contract-7/}. */
    protected String root;
    private final List<Watch> watches = new ArrayList<>();

    /** A new store on the backend under test; the test closes it. */
    protected abstract Store newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
        root = "/registry/contract-" + TEST_NUMBER.incrementAndGet() + "/";
    }

    @AfterEach
    void closeStore() {
        watches.forEach(Watch::close);
        store.close();
    }

    // ---- create and get

    @Test
    void createdKeyCanBeRead() {
        KeyValue created = store.create(key("a"), bytes("one"), 0);

        assertThat(created.key()).isEqualTo(key("a"));
        assertThat(string(created.value())).isEqualTo("one");
        assertThat(created.createRevision()).isEqualTo(created.modRevision());
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.lease()).isZero();
        assertThat(store.get(key("a"))).hasValueSatisfying(read -> {
            assertThat(string(read.value())).isEqualTo("one");
            assertThat(read.modRevision()).isEqualTo(created.modRevision());
            assertThat(read.createRevision()).isEqualTo(created.createRevision());
            assertThat(read.version()).isEqualTo(1);
        });
    }

    @Test
    void revisionsStartAboveZero() {
        assertThat(store.currentRevision()).isPositive();
        assertThat(store.list(root, 0, null, 0).revision()).isPositive();
    }

    @Test
    void missingKeyReadsEmpty() {
        assertThat(store.get(key("nothing"))).isEmpty();
    }

    @Test
    void valuesAreKeptByteForByte() {
        byte[] binary = {0, 1, (byte) 0xFF, (byte) 0x80, 0, 42};
        store.create(key("binary"), binary, 0);
        store.create(key("empty"), new byte[0], 0);

        assertThat(store.get(key("binary")).orElseThrow().value()).containsExactly(binary);
        assertThat(store.get(key("empty")).orElseThrow().value()).isEmpty();
    }

    @Test
    void creatingAnExistingKeyFails() {
        store.create(key("a"), bytes("one"), 0);

        assertThatThrownBy(() -> store.create(key("a"), bytes("two"), 0)).isInstanceOf(KeyExistsException.class);
        assertThat(string(store.get(key("a")).orElseThrow().value())).isEqualTo("one");
    }

    @Test
    void keyCreatedAgainAfterDeleteStartsAFreshLife() {
        KeyValue first = store.create(key("a"), bytes("one"), 0);
        store.update(key("a"), bytes("two"), first.modRevision(), 0);
        store.delete(key("a"), 0);

        KeyValue again = store.create(key("a"), bytes("three"), 0);

        assertThat(again.version()).isEqualTo(1);
        assertThat(again.createRevision()).isEqualTo(again.modRevision()).isGreaterThan(first.createRevision());
    }

    // ---- update

    @Test
    void updateAtTheCurrentRevisionSucceeds() {
        KeyValue created = store.create(key("a"), bytes("one"), 0);

        KeyValue updated = store.update(key("a"), bytes("two"), created.modRevision(), 0);

        assertThat(string(updated.value())).isEqualTo("two");
        assertThat(updated.modRevision()).isGreaterThan(created.modRevision());
        assertThat(updated.createRevision()).isEqualTo(created.createRevision());
        assertThat(updated.version()).isEqualTo(2);
        assertThat(store.get(key("a")).orElseThrow().modRevision()).isEqualTo(updated.modRevision());
    }

    @Test
    void updateAtAStaleRevisionConflictsAndCarriesTheCurrentValue() {
        KeyValue created = store.create(key("a"), bytes("one"), 0);
        KeyValue updated = store.update(key("a"), bytes("two"), created.modRevision(), 0);

        assertThatThrownBy(() -> store.update(key("a"), bytes("three"), created.modRevision(), 0))
                .isInstanceOfSatisfying(RevisionConflictException.class, conflict -> {
                    assertThat(conflict.current().modRevision()).isEqualTo(updated.modRevision());
                    assertThat(string(conflict.current().value())).isEqualTo("two");
                });
        assertThat(string(store.get(key("a")).orElseThrow().value())).isEqualTo("two");
    }

    @Test
    void updateOfAMissingOrDeletedKeyFails() {
        assertThatThrownBy(() -> store.update(key("never"), bytes("x"), 5, 0)).isInstanceOf(KeyNotFoundException.class);

        KeyValue created = store.create(key("gone"), bytes("x"), 0);
        store.delete(key("gone"), 0);
        assertThatThrownBy(() -> store.update(key("gone"), bytes("y"), created.modRevision(), 0))
                .isInstanceOf(KeyNotFoundException.class);
    }

    @Test
    void updateWithoutAnExpectedRevisionIsRefused() {
        store.create(key("a"), bytes("one"), 0);

        assertThatThrownBy(() -> store.update(key("a"), bytes("two"), 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void racingCompareAndSwapUpdatesHaveExactlyOneWinner() throws Exception {
        KeyValue created = store.create(key("contended"), bytes("0"), 0);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String value = "writer-" + i;
                attempts.add(() -> {
                    try {
                        store.update(key("contended"), bytes(value), created.modRevision(), 0);
                        return true;
                    } catch (RevisionConflictException e) {
                        return false;
                    }
                });
            }
            int winners = 0;
            for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
                winners += attempt.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(store.get(key("contended")).orElseThrow().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- delete

    @Test
    void deleteReturnsTheLastValueAtTheDeleteRevision() {
        KeyValue created = store.create(key("a"), bytes("one"), 0);
        KeyValue updated = store.update(key("a"), bytes("two"), created.modRevision(), 0);

        KeyValue deleted = store.delete(key("a"), 0);

        assertThat(string(deleted.value())).isEqualTo("two");
        assertThat(deleted.modRevision()).isGreaterThan(updated.modRevision()).isEqualTo(store.currentRevision());
        assertThat(deleted.createRevision()).isEqualTo(created.createRevision());
        assertThat(store.get(key("a"))).isEmpty();
    }

    @Test
    void deleteComparesTheRevisionWhenOneIsGiven() {
        KeyValue created = store.create(key("a"), bytes("one"), 0);
        KeyValue updated = store.update(key("a"), bytes("two"), created.modRevision(), 0);

        assertThatThrownBy(() -> store.delete(key("a"), created.modRevision()))
                .isInstanceOfSatisfying(RevisionConflictException.class,
                        conflict -> assertThat(conflict.current().modRevision()).isEqualTo(updated.modRevision()));
        assertThat(store.get(key("a"))).isPresent();

        KeyValue deleted = store.delete(key("a"), updated.modRevision());
        assertThat(string(deleted.value())).isEqualTo("two");
        assertThat(store.get(key("a"))).isEmpty();
    }

    @Test
    void deleteOfAMissingKeyFails() {
        assertThatThrownBy(() -> store.delete(key("never"), 0)).isInstanceOf(KeyNotFoundException.class);
        assertThatThrownBy(() -> store.delete(key("never"), 7)).isInstanceOf(KeyNotFoundException.class);
    }

    // ---- revisions

    @Test
    void everyWriteAdvancesOneRevisionSharedByAllKeys() {
        long before = store.currentRevision();
        KeyValue a = store.create(key("a"), bytes("1"), 0);
        KeyValue b = store.create(key("b"), bytes("1"), 0);
        KeyValue a2 = store.update(key("a"), bytes("2"), a.modRevision(), 0);
        KeyValue bDeleted = store.delete(key("b"), 0);

        assertThat(List.of(before, a.modRevision(), b.modRevision(), a2.modRevision(), bDeleted.modRevision()))
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(store.currentRevision()).isEqualTo(bDeleted.modRevision());
    }

    @Test
    void failedWritesDoNotAdvanceTheRevision() {
        KeyValue a = store.create(key("a"), bytes("1"), 0);
        long before = store.currentRevision();

        assertThatThrownBy(() -> store.create(key("a"), bytes("2"), 0)).isInstanceOf(KeyExistsException.class);
        assertThatThrownBy(() -> store.update(key("a"), bytes("2"), a.modRevision() + 1, 0))
                .isInstanceOf(RevisionConflictException.class);
        assertThatThrownBy(() -> store.delete(key("missing"), 0)).isInstanceOf(KeyNotFoundException.class);

        assertThat(store.currentRevision()).isEqualTo(before);
    }

    // ---- list and count

    @Test
    void listReturnsTheKeysUnderThePrefixInKeyOrder() {
        store.create(key("pods/b"), bytes("b"), 0);
        store.create(key("pods/a"), bytes("a"), 0);
        store.create(key("pods/c"), bytes("c"), 0);
        store.create(key("podsx/a"), bytes("not a pod"), 0);
        store.create(key("pod"), bytes("not a pod"), 0);
        store.delete(key("pods/c"), 0);

        ListResult result = store.list(key("pods/"), 0, null, 0);

        assertThat(result.items()).extracting(KeyValue::key).containsExactly(key("pods/a"), key("pods/b"));
        assertThat(result.more()).isFalse();
        assertThat(result.revision()).isEqualTo(store.currentRevision());
    }

    @Test
    void listAtAnOlderRevisionSeesTheValuesOfThen() {
        KeyValue a = store.create(key("a"), bytes("a1"), 0);
        store.create(key("b"), bytes("b1"), 0);
        long then = store.currentRevision();
        store.update(key("a"), bytes("a2"), a.modRevision(), 0);
        store.delete(key("b"), 0);
        store.create(key("c"), bytes("c1"), 0);

        ListResult old = store.list(root, then, null, 0);

        assertThat(old.revision()).isEqualTo(then);
        assertThat(old.items()).extracting(KeyValue::key).containsExactly(key("a"), key("b"));
        assertThat(old.items()).extracting(kv -> string(kv.value())).containsExactly("a1", "b1");
        assertThat(store.list(root, 0, null, 0).items()).extracting(kv -> string(kv.value()))
                .containsExactly("a2", "c1");
    }

    @Test
    void pagesReadAtOneRevisionIgnoreLaterWrites() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            store.create(key(name), bytes(name + "1"), 0);
        }

        ListResult first = store.list(root, 0, null, 2);
        assertThat(first.items()).extracting(KeyValue::key).containsExactly(key("a"), key("b"));
        assertThat(first.more()).isTrue();

        KeyValue c = store.get(key("c")).orElseThrow();
        store.update(key("c"), bytes("c2"), c.modRevision(), 0);
        store.delete(key("d"), 0);
        store.create(key("bb"), bytes("new"), 0);
        store.create(key("f"), bytes("new"), 0);

        ListResult second = store.list(root, first.revision(), next(first), 2);
        assertThat(second.revision()).isEqualTo(first.revision());
        assertThat(second.items()).extracting(KeyValue::key).containsExactly(key("c"), key("d"));
        assertThat(second.items()).extracting(kv -> string(kv.value())).containsExactly("c1", "d1");
        assertThat(second.more()).isTrue();

        ListResult third = store.list(root, first.revision(), next(second), 2);
        assertThat(third.items()).extracting(KeyValue::key).containsExactly(key("e"));
        assertThat(third.more()).isFalse();
    }

    @Test
    void aPageThatEndsExactlyAtTheLastKeyHasNoMore() {
        store.create(key("a"), bytes("a"), 0);
        store.create(key("b"), bytes("b"), 0);

        ListResult page = store.list(root, 0, null, 2);

        assertThat(page.items()).hasSize(2);
        assertThat(page.more()).isFalse();
    }

    @Test
    void aListLargerThanAGrpcMessageDefaultIsReturnedWhole() {
        byte[] mebibyte = new byte[1024 * 1024];
        for (int i = 0; i < 6; i++) {
            store.create(key("big-" + i), mebibyte, 0);
        }

        assertThat(store.list(root, 0, null, 0).items()).hasSize(6).allMatch(kv -> kv.value().length == mebibyte.length);
    }

    @Test
    void listAtAFutureRevisionIsRefused() {
        long future = store.currentRevision() + 1000;

        assertThatThrownBy(() -> store.list(root, future, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countCountsTheLiveKeysUnderThePrefix() {
        store.create(key("pods/a"), bytes("a"), 0);
        store.create(key("pods/b"), bytes("b"), 0);
        store.create(key("pods/c"), bytes("c"), 0);
        store.create(key("podsx/a"), bytes("x"), 0);
        store.delete(key("pods/b"), 0);

        assertThat(store.count(key("pods/"))).isEqualTo(2);
        assertThat(store.count(key("none/"))).isZero();
    }

    // ---- watch

    @Test
    void watchFromARevisionReplaysHistoryInOrderThenLiveChanges() {
        long start = store.currentRevision();
        KeyValue a = store.create(key("a"), bytes("a1"), 0);
        store.create(key("b"), bytes("b1"), 0);
        store.update(key("a"), bytes("a2"), a.modRevision(), 0);
        store.delete(key("b"), 0);
        long historyEnd = store.currentRevision();

        RecordingListener listener = watch(root, start);
        awaitAtMost().untilAsserted(() -> assertThat(listener.events()).hasSize(4));
        store.create(key("c"), bytes("c1"), 0);

        awaitAtMost().untilAsserted(() -> assertThat(listener.events()).hasSize(5));
        assertThat(listener.keys()).containsExactly(key("a"), key("b"), key("a"), key("b"), key("c"));
        assertThat(listener.events()).extracting(WatchEvent::type).containsExactly(WatchEvent.Type.PUT,
                WatchEvent.Type.PUT, WatchEvent.Type.PUT, WatchEvent.Type.DELETE, WatchEvent.Type.PUT);
        assertThat(listener.revisions()).isSorted().doesNotHaveDuplicates();
        assertThat(listener.revisions().get(3)).isEqualTo(historyEnd);
        assertThat(listener.events().get(0).isCreate()).isTrue();
        assertThat(listener.events().get(2).isCreate()).isFalse();
        assertThat(listener.error()).isNull();
    }

    @Test
    void watchFromTheMiddleOfHistoryStartsAfterThatRevision() {
        store.create(key("a"), bytes("a"), 0);
        KeyValue b = store.create(key("b"), bytes("b"), 0);
        store.create(key("c"), bytes("c"), 0);

        RecordingListener listener = watch(root, b.modRevision());
        store.create(key("d"), bytes("d"), 0);

        awaitAtMost().untilAsserted(() -> assertThat(listener.keys()).containsExactly(key("c"), key("d")));
    }

    @Test
    void watchFromZeroSeesOnlyChangesMadeAfterIt() {
        store.create(key("before"), bytes("x"), 0);

        RecordingListener listener = watch(root, 0);
        store.create(key("after"), bytes("y"), 0);

        awaitAtMost().untilAsserted(() -> assertThat(listener.keys()).containsExactly(key("after")));
    }

    @Test
    void watchEventsCarryThePreviousValue() {
        RecordingListener listener = watch(root, store.currentRevision());
        KeyValue created = store.create(key("a"), bytes("one"), 0);
        KeyValue updated = store.update(key("a"), bytes("two"), created.modRevision(), 0);
        KeyValue deleted = store.delete(key("a"), 0);

        awaitAtMost().untilAsserted(() -> assertThat(listener.events()).hasSize(3));
        WatchEvent create = listener.events().get(0);
        assertThat(create.isCreate()).isTrue();
        assertThat(create.prevKv()).isNull();
        assertThat(create.revision()).isEqualTo(created.modRevision());

        WatchEvent update = listener.events().get(1);
        assertThat(update.type()).isEqualTo(WatchEvent.Type.PUT);
        assertThat(string(update.kv().value())).isEqualTo("two");
        assertThat(update.kv().version()).isEqualTo(2);
        assertThat(string(update.prevKv().value())).isEqualTo("one");
        assertThat(update.prevKv().modRevision()).isEqualTo(created.modRevision());
        assertThat(update.revision()).isEqualTo(updated.modRevision());

        WatchEvent delete = listener.events().get(2);
        assertThat(delete.type()).isEqualTo(WatchEvent.Type.DELETE);
        assertThat(delete.revision()).isEqualTo(deleted.modRevision());
        assertThat(delete.kv().key()).isEqualTo(key("a"));
        assertThat(string(delete.kv().value())).isEqualTo("two");
        assertThat(delete.kv().modRevision()).isEqualTo(deleted.modRevision());
        assertThat(string(delete.prevKv().value())).isEqualTo("two");
        assertThat(delete.prevKv().modRevision()).isEqualTo(updated.modRevision());
    }

    @Test
    void watchSeesOnlyItsPrefix() {
        RecordingListener listener = watch(key("pods/"), store.currentRevision());
        store.create(key("podsx/a"), bytes("x"), 0);
        store.create(key("pod"), bytes("x"), 0);
        store.create(key("pods/a"), bytes("x"), 0);

        awaitAtMost().untilAsserted(() -> assertThat(listener.keys()).containsExactly(key("pods/a")));
    }

    @Test
    void longHistoryIsReplayedCompletelyAndInOrder() {
        long start = store.currentRevision();
        int changes = 1200;
        for (int i = 0; i < changes; i++) {
            store.create(key(String.format("k%04d", i)), bytes("v"), 0);
        }

        RecordingListener listener = watch(root, start);

        awaitAtMost().untilAsserted(() -> assertThat(listener.events()).hasSize(changes));
        assertThat(listener.revisions()).isSorted().doesNotHaveDuplicates();
        assertThat(listener.keys().get(changes - 1)).isEqualTo(key("k1199"));
    }

    @Test
    void watchesStartedDuringWritesSeeEveryLaterChangeExactlyOnce() throws Exception {
        int changes = 600;
        List<Long> written = new CopyOnWriteArrayList<>();
        List<Long> startedAfter = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writing = writer.submit(() -> {
                for (int i = 0; i < changes; i++) {
                    written.add(store.create(key(String.format("k%04d", i)), bytes("v"), 0).modRevision());
                }
            });
            // start watches spread over the writes, each after the newest revision written so far
            for (int i = 0; i < 20; i++) {
                int reached = i * changes / 25;
                await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(30))
                        .until(() -> written.size() >= reached);
                long after = written.isEmpty() ? store.currentRevision() : written.get(written.size() - 1);
                startedAfter.add(after);
                listeners.add(watch(root, after));
            }
            writing.get();
        } finally {
            writer.shutdownNow();
        }

        for (int i = 0; i < listeners.size(); i++) {
            long after = startedAfter.get(i);
            List<Long> expected = written.stream().filter(revision -> revision > after).toList();
            RecordingListener listener = listeners.get(i);
            awaitAtMost().untilAsserted(() -> assertThat(listener.revisions()).hasSameSizeAs(expected));
            assertThat(listener.revisions()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aClosedWatchHearsNothingMore() {
        RecordingListener closed = watch(root, store.currentRevision());
        store.create(key("a"), bytes("x"), 0);
        awaitAtMost().untilAsserted(() -> assertThat(closed.events()).hasSize(1));

        watches.remove(0).close();
        RecordingListener open = watch(root, store.currentRevision());
        store.create(key("b"), bytes("x"), 0);

        awaitAtMost().untilAsserted(() -> assertThat(open.keys()).containsExactly(key("b")));
        assertThat(closed.keys()).containsExactly(key("a"));
        assertThat(closed.error()).isNull();
    }

    @Test
    void aListenerThatThrowsEndsItsWatchWithAnError() {
        RecordingListener errors = new RecordingListener();
        watches.add(store.watch(root, store.currentRevision(), new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onCompacted(long compactedRevision) {
                errors.onCompacted(compactedRevision);
            }

            @Override
            public void onError(Throwable error) {
                errors.onError(error);
            }
        }));

        store.create(key("a"), bytes("x"), 0);

        awaitAtMost().untilAsserted(() -> assertThat(errors.error()).hasMessage("listener bug"));
    }

    // ---- compaction

    @Test
    void compactionDiscardsOlderRevisionsForListsAndWatches() {
        long start = store.currentRevision();
        KeyValue a = store.create(key("a"), bytes("a1"), 0);
        KeyValue a2 = store.update(key("a"), bytes("a2"), a.modRevision(), 0);
        KeyValue a3 = store.update(key("a"), bytes("a3"), a2.modRevision(), 0);
        store.create(key("b"), bytes("b1"), 0);
        store.delete(key("b"), 0);

        store.compact(a3.modRevision());

        assertThat(store.compactedRevision()).isEqualTo(a3.modRevision());
        assertThatThrownBy(() -> store.list(root, a2.modRevision(), null, 0))
                .isInstanceOfSatisfying(CompactedException.class,
                        e -> assertThat(e.compactedRevision()).isEqualTo(a3.modRevision()));
        assertThat(store.list(root, a3.modRevision(), null, 0).items())
                .extracting(kv -> string(kv.value())).containsExactly("a3");
        assertThat(store.list(root, 0, null, 0).items()).extracting(KeyValue::key).containsExactly(key("a"));

        RecordingListener tooOld = watch(root, start);
        awaitAtMost().untilAsserted(() -> assertThat(tooOld.compactedRevision()).isEqualTo(a3.modRevision()));
        assertThat(tooOld.events()).isEmpty();

        // a watch may start at the compacted revision itself: nothing it needs has gone
        RecordingListener fromCompacted = watch(root, a3.modRevision() - 1);
        awaitAtMost().untilAsserted(() -> assertThat(fromCompacted.keys()).containsExactly(key("a"), key("b"), key("b")));
        assertThat(fromCompacted.revisions().get(0)).isEqualTo(a3.modRevision());
        assertThat(fromCompacted.compactedRevision()).isEqualTo(-1);
    }

    @Test
    void compactingAtOrBelowTheCompactedRevisionChangesNothing() {
        KeyValue a = store.create(key("a"), bytes("a1"), 0);
        KeyValue a2 = store.update(key("a"), bytes("a2"), a.modRevision(), 0);
        store.compact(a2.modRevision());

        store.compact(a2.modRevision());
        store.compact(a.modRevision());

        assertThat(store.compactedRevision()).isEqualTo(a2.modRevision());
        assertThat(store.get(key("a")).orElseThrow().value()).containsExactly(bytes("a2"));
    }

    @Test
    void compactingAFutureRevisionIsRefused() {
        long future = store.currentRevision() + 1000;

        assertThatThrownBy(() -> store.compact(future)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compactionKeepsEveryLiveKeyAndItsMetadata() {
        KeyValue a = store.create(key("a"), bytes("a1"), 0);
        KeyValue a2 = store.update(key("a"), bytes("a2"), a.modRevision(), 0);
        KeyValue b = store.create(key("b"), bytes("b1"), 0);
        store.compact(store.currentRevision());

        assertThat(store.get(key("a")).orElseThrow()).usingRecursiveComparison().isEqualTo(a2);
        assertThat(store.get(key("b")).orElseThrow()).usingRecursiveComparison().isEqualTo(b);
        KeyValue a3 = store.update(key("a"), bytes("a3"), a2.modRevision(), 0);
        assertThat(a3.version()).isEqualTo(3);
        assertThat(a3.createRevision()).isEqualTo(a.createRevision());
    }

    // ---- leases

    @Test
    void anExpiredLeaseDeletesItsKeysAndWatchersSeeTheDeletes() {
        long lease = store.grantLease(1);
        store.create(key("leased"), bytes("soon gone"), lease);
        store.create(key("kept"), bytes("stays"), 0);
        RecordingListener listener = watch(root, store.currentRevision());

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(store.get(key("leased"))).isEmpty());

        awaitAtMost().untilAsserted(() -> assertThat(listener.events()).hasSize(1));
        WatchEvent delete = listener.events().get(0);
        assertThat(delete.type()).isEqualTo(WatchEvent.Type.DELETE);
        assertThat(delete.kv().key()).isEqualTo(key("leased"));
        assertThat(string(delete.kv().value())).isEqualTo("soon gone");
        assertThat(store.get(key("kept"))).isPresent();
        assertThatThrownBy(() -> store.keepAliveLease(lease)).isInstanceOf(LeaseNotFoundException.class);
    }

    @Test
    void revokingALeaseDeletesItsKeysAtOnce() {
        long lease = store.grantLease(60);
        store.create(key("a"), bytes("a"), lease);
        KeyValue b = store.create(key("b"), bytes("b"), lease);
        store.create(key("c"), bytes("c"), 0);
        assertThat(b.lease()).isEqualTo(lease);
        RecordingListener listener = watch(root, store.currentRevision());

        store.revokeLease(lease);

        assertThat(store.list(root, 0, null, 0).items()).extracting(KeyValue::key).containsExactly(key("c"));
        awaitAtMost().untilAsserted(() -> assertThat(listener.keys()).containsExactlyInAnyOrder(key("a"), key("b")));
        assertThat(listener.events()).allMatch(e -> e.type() == WatchEvent.Type.DELETE);
        assertThatThrownBy(() -> store.keepAliveLease(lease)).isInstanceOf(LeaseNotFoundException.class);
        assertThatThrownBy(() -> store.revokeLease(lease)).isInstanceOf(LeaseNotFoundException.class);
    }

    @Test
    void keepAliveRenewsTheLease() {
        long lease = store.grantLease(30);

        assertThat(store.keepAliveLease(lease)).isEqualTo(30);
    }

    @Test
    void aKeyMovedToAnotherLeaseFollowsThatLease() {
        long first = store.grantLease(60);
        long second = store.grantLease(60);
        KeyValue a = store.create(key("a"), bytes("a"), first);
        KeyValue moved = store.update(key("a"), bytes("a2"), a.modRevision(), second);
        assertThat(moved.lease()).isEqualTo(second);

        store.revokeLease(first);
        assertThat(store.get(key("a"))).isPresent();

        store.revokeLease(second);
        assertThat(store.get(key("a"))).isEmpty();
    }

    @Test
    void writesWithAnUnknownLeaseFail() {
        long unknown = 0x5EED_0000_0001L;

        assertThatThrownBy(() -> store.create(key("a"), bytes("a"), unknown)).isInstanceOf(LeaseNotFoundException.class);
        assertThat(store.get(key("a"))).isEmpty();
        assertThatThrownBy(() -> store.keepAliveLease(unknown)).isInstanceOf(LeaseNotFoundException.class);
    }

    // ---- health

    @Test
    void anOpenStoreIsHealthy() {
        assertThat(store.isHealthy()).isTrue();
    }

    // ---- helpers

    protected String key(String name) {
        return root + name;
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    protected static String string(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    /** Up to 10 s, checking often: most conditions hold within milliseconds. */
    protected static ConditionFactory awaitAtMost() {
        return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    /** Watches and remembers the watch, to close it after the test. */
    protected RecordingListener watch(String prefix, long afterRevision) {
        RecordingListener listener = new RecordingListener();
        watches.add(store.watch(prefix, afterRevision, listener));
        return listener;
    }

    /** The continue key after a page: just past its last key. */
    private static String next(ListResult page) {
        return page.items().get(page.items().size() - 1).key() + "\0";
    }
}
