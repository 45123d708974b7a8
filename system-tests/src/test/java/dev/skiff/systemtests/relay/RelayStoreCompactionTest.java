package dev.skiff.systemtests.relay;

import dev.skiff.systemtests.harness.ApiServerProcess;
import dev.skiff.systemtests.harness.Cluster;
import dev.skiff.systemtests.harness.ConfigMapClient;
import dev.skiff.systemtests.harness.ConfigMapClient.Response;
import dev.skiff.systemtests.harness.EventLog;
import dev.skiff.systemtests.harness.StoreHistory;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the store has compacted past the relay's checkpoint, the changes in between are gone for good;
 * the relay says so and republishes the current state of every object, so a consumer that folds the
 * topic still ends with exactly the live objects.
 */
class RelayStoreCompactionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** For what the relay publishes with the snapshot, once the snapshot is there. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    void aCheckpointCompactedAwayIsFollowedByASnapshotOfTheLiveObjects() throws IOException {
        try (Cluster cluster = Cluster.start("store-compaction", Map.of())) {
            StoreHistory history = cluster.history();
            ApiServerProcess relay = cluster.startApiServer("relaying-api-server");
            ConfigMapClient viaRelay = new ConfigMapClient(relay.url(), "default");
            Map<String, Long> published = new TreeMap<>();
            for (int i = 0; i < 20; i++) {
                published.put(viaRelay.topicKey(name(i)), resourceVersion(viaRelay.create(name(i), Map.of("step", "created"))));
            }
            long lastPublished = published.values().stream().max(Long::compare).orElseThrow();
            try (EventLog topic = cluster.configMapEvents()) {
                await("the first objects on the topic").atMost(DEADLINE).pollInSameThread().untilAsserted(() -> {
                    topic.poll();
                    assertThat(topic.fold()).isEqualTo(published);
                });
                await("the relay's checkpoint past the first objects").atMost(DEADLINE)
                        .until(() -> history.relayCheckpoint().orElse(0L) >= lastPublished);
                relay.stop();
                long checkpoint = history.relayCheckpoint().orElseThrow();

                // changes that no relay reads before etcd discards them: updates, deletes, creates
                ApiServerProcess writer = cluster.startApiServerWithoutRelay("api-server-without-relay");
                ConfigMapClient viaWriter = new ConfigMapClient(writer.url(), "default");
                for (int i = 0; i < 5; i++) {
                    String deleted = name(i + 5);
                    resourceVersion(viaWriter.patch(name(i), 0, Map.of("step", "updated")));
                    resourceVersion(viaWriter.delete(deleted, published.get(viaWriter.topicKey(deleted))));
                    resourceVersion(viaWriter.create("late-" + name(i), Map.of("step", "created")));
                }
                assertThat(history.compactToNewestRevision()).as("etcd compacted at").isGreaterThan(checkpoint);
                Map<String, Long> live = viaWriter.listResourceVersions();
                topic.readToEnd();
                Map<TopicPartition, Long> beforeRestart = topic.endOffsets();

                relay.restart();
                await("the relay reports its compacted checkpoint").atMost(DEADLINE)
                        .until(() -> relay.log().contains("has been compacted away"));
                await("a snapshot of the live objects").atMost(DEADLINE).pollInSameThread().untilAsserted(() -> {
                    topic.poll();
                    Map<String, Long> snapshot = new TreeMap<>();
                    topic.eventsFrom(beforeRestart).stream().filter(e -> !e.tombstone())
                            .forEach(e -> snapshot.put(e.key(), e.resourceVersion()));
                    assertThat(snapshot).as("objects published after the restart").containsAllEntriesOf(live);
                });
                await("the topic folded to the live objects").atMost(SETTLE).pollInSameThread().untilAsserted(() -> {
                    topic.poll();
                    assertThat(topic.fold()).as("the topic folded: newest record per key, deletes removed")
                            .isEqualTo(live);
                });
            }
        }
    }

    private static String name(int index) {
        return String.format("cm-%03d", index);
    }

    /** The resourceVersion of a write that must have succeeded. */
    private static long resourceVersion(Response response) {
        assertThat(response.succeeded()).as("write answered %s %s", response.status(), response.body()).isTrue();
        return response.resourceVersion();
    }
}
