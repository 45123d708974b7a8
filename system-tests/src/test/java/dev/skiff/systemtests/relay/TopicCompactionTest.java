package dev.skiff.systemtests.relay;

import dev.skiff.kafka.testing.KafkaBroker;
import dev.skiff.systemtests.harness.ApiServerProcess;
import dev.skiff.systemtests.harness.Cluster;
import dev.skiff.systemtests.harness.ConfigMapClient;
import dev.skiff.systemtests.harness.ConfigMapClient.Response;
import dev.skiff.systemtests.harness.EventLog;
import dev.skiff.systemtests.harness.EventLog.Event;
import dev.skiff.systemtests.harness.UpdateLoop;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The topics are compacted and a delete ends in a tombstone, so once Kafka has compacted, a consumer
 * that reads a topic from the beginning finds the live objects and, of a deleted one, at most its
 * tombstone: nothing of its life, not even its {@code DELETED} event.
 */
class TopicCompactionTest {

    private static final System.Logger LOG = System.getLogger(TopicCompactionTest.class.getName());
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void aNewConsumerFindsOnlyLiveObjectsOnceKafkaHasCompactedTheDeletes() throws IOException {
        try (Cluster cluster = Cluster.start("topic-compaction", KafkaBroker.QUICK_COMPACTION)) {
            ApiServerProcess server = cluster.startApiServer("api-server");
            ConfigMapClient client = new ConfigMapClient(server.url(), "default");
            List<String> live = names("live", 30);
            List<String> deleted = names("deleted", 10);
            for (String name : live) {
                resourceVersion(client.create(name, Map.of("round", "created")));
            }
            Map<String, Long> versions = new HashMap<>();
            for (String name : deleted) {
                long created = resourceVersion(client.create(name, Map.of("round", "created")));
                versions.put(name, resourceVersion(client.patch(name, created, Map.of("round", "updated"))));
            }
            Set<String> liveKeys = live.stream().map(client::topicKey).collect(Collectors.toSet());
            Set<String> deletedKeys = deleted.stream().map(client::topicKey).collect(Collectors.toSet());

            try (EventLog topic = cluster.configMapEvents()) {
                await("every object on the topic").atMost(DEADLINE).pollInSameThread().untilAsserted(() -> {
                    topic.poll();
                    assertThat(topic.fold().keySet()).containsAll(liveKeys).containsAll(deletedKeys);
                });
                // each DELETED event is read before the next write: once a later record has rolled its
                // segment, Kafka may compact it away
                for (String name : deleted) {
                    resourceVersion(client.delete(name, versions.get(name)));
                    String key = client.topicKey(name);
                    await("the DELETED event of " + key).atMost(DEADLINE).pollInSameThread().until(() -> {
                        topic.poll();
                        return deletedEvents(topic.events()).contains(key);
                    });
                }
                await("the tombstones on the topic").atMost(DEADLINE).pollInSameThread().untilAsserted(() -> {
                    topic.poll();
                    assertThat(topic.tombstonesByKey().keySet()).containsAll(deletedKeys);
                    assertThat(topic.fold().keySet()).isEqualTo(liveKeys);
                });
                // Kafka compacts a segment only once a newer one has rolled, which takes a record in the
                // same partition: the live objects' updates must reach every partition a deleted object is in
                assertThat(partitionsOf(topic.events(), liveKeys)).as("partitions of the live objects")
                        .containsAll(partitionsOf(topic.events(), deletedKeys));
            }

            long updating = System.nanoTime();
            try (UpdateLoop updates = UpdateLoop.start(client, live)) {
                await("the deleted objects' events compacted away").atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            try (EventLog fresh = cluster.configMapEvents()) {
                                fresh.readToEnd();
                                assertThat(recordsWithValues(fresh.events(), deletedKeys))
                                        .as("records of deleted objects other than tombstones").isEmpty();
                                assertThat(fresh.fold().keySet()).as("objects a new consumer finds").isEqualTo(liveKeys);
                            }
                        });
            }
            LOG.log(System.Logger.Level.INFO, "the deleted objects'' events were compacted away {0} ms after the updates began",
                    Long.toString(Duration.ofNanos(System.nanoTime() - updating).toMillis()));
        }
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s-%02d", prefix, i)).toList();
    }

    private static List<Event> recordsWithValues(List<Event> events, Set<String> keys) {
        return events.stream().filter(e -> keys.contains(e.key()) && !e.tombstone()).toList();
    }

    /** The keys of the DELETED events (not tombstones) among these. */
    private static Set<String> deletedEvents(List<Event> events) {
        return events.stream().filter(e -> !e.tombstone() && e.type().equals("DELETED"))
                .map(Event::key).collect(Collectors.toSet());
    }

    private static Set<Integer> partitionsOf(List<Event> events, Set<String> keys) {
        return events.stream().filter(e -> keys.contains(e.key())).map(Event::partition).collect(Collectors.toSet());
    }

    /** The resourceVersion of a write that must have succeeded. */
    private static long resourceVersion(Response response) {
        assertThat(response.succeeded()).as("answered %s %s", response.status(), response.body()).isTrue();
        return response.resourceVersion();
    }
}
