package dev.skiff.informer;

import dev.skiff.api.events.Topics;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static dev.skiff.informer.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The Kafka source against a real broker, with records written exactly as the relay writes them. */
@Timeout(120)
class KafkaEventSourceTest {

    private static final ResourceType PODS = ResourceRegistry.builtIn().findByKind("", "Pod").orElseThrow();
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static String bootstrapServers;
    private final List<Informer<?>> informers = new ArrayList<>();
    private TopicWriter writer;
    private KafkaSettings kafka;
    private String topic;

    @BeforeAll
    static void startKafka() {
        bootstrapServers = SharedKafka.bootstrapServers();
    }

    private void newTopics() throws Exception {
        writer = new TopicWriter(bootstrapServers);
        kafka = new KafkaSettings(bootstrapServers, new Topics("kafka-source-" + PREFIXES.incrementAndGet()), Map.of());
        topic = kafka.topics().of(PODS);
        writer.createTopic(topic, 3);
    }

    @AfterEach
    void tearDown() {
        informers.forEach(Informer::stop);
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void aNewGroupBuildsTheLiveStateFromTheTopic() throws Exception {
        newTopics();
        writer.event(topic, "ADDED", pod("ns", "a", 1));
        writer.event(topic, "ADDED", pod("ns", "b", 2));
        writer.event(topic, "MODIFIED", pod("ns", "a", 3));
        writer.event(topic, "ADDED", pod("ns", "c", 4));
        writer.delete(topic, pod("ns", "c", 4), 5);

        RecordingHandler<Pod> handler = new RecordingHandler<>();
        Informer<Pod> informer = started("fresh", handler);

        assertThat(informer.awaitSynced(DEADLINE)).isTrue();
        assertThat(handler.calls()).containsExactlyInAnyOrder("add ns/a@3", "add ns/b@2");
        assertThat(informer.indexer().listKeys()).containsExactlyInAnyOrder("ns/a", "ns/b");
        assertThat(informer.lastSyncResourceVersion()).isEqualTo("5");
    }

    @Test
    void aNewGroupRebuildsTheStateFromTheCompactedTopic() throws Exception {
        newTopics();
        writer.event(topic, "ADDED", pod("ns", "a", 1));
        writer.event(topic, "ADDED", pod("ns", "b", 2));
        writer.event(topic, "MODIFIED", pod("ns", "a", 3));
        writer.event(topic, "ADDED", pod("ns", "c", 4));
        writer.delete(topic, pod("ns", "c", 4), 5);
        int written = records(topic).size();

        // compaction needs a closed segment: records (tombstones of no object) after the roll time close it
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
            for (int partition = 0; partition < 3; partition++) {
                writer.tombstone(topic, partition, "filler", "Pod", null, 0);
            }
            List<String> left = records(topic);
            return !left.contains("ns/a@1") && !left.contains("ns/c@4");
        });
        assertThat(records(topic).stream().filter(r -> !r.startsWith("filler")).count()).isLessThan(written);

        RecordingHandler<Pod> handler = new RecordingHandler<>();
        Informer<Pod> informer = started("after-compaction", handler);

        assertThat(informer.awaitSynced(DEADLINE)).isTrue();
        assertThat(handler.calls()).containsExactlyInAnyOrder("add ns/a@3", "add ns/b@2");
    }

    @Test
    void aRestartResumesFromTheCommittedOffsetsWithTheWholeStateCached() throws Exception {
        newTopics();
        for (int i = 0; i < 10; i++) {
            writer.event(topic, "ADDED", pod("ns", "p" + i, i + 1));
        }
        RecordingHandler<Pod> first = new RecordingHandler<>();
        Informer<Pod> firstRun = started("restarting", first);
        assertThat(firstRun.awaitSynced(DEADLINE)).isTrue();
        writer.event(topic, "MODIFIED", pod("ns", "p0", 11));
        writer.event(topic, "MODIFIED", pod("ns", "p1", 12));
        writer.event(topic, "MODIFIED", pod("ns", "p2", 13));
        writer.event(topic, "ADDED", pod("ns", "q0", 14));
        writer.event(topic, "ADDED", pod("ns", "q1", 15));
        await().atMost(DEADLINE).until(() -> first.calls().size() == 15);
        firstRun.stop();

        writer.event(topic, "MODIFIED", pod("ns", "p3", 16));
        writer.event(topic, "MODIFIED", pod("ns", "p4", 17));
        writer.event(topic, "ADDED", pod("ns", "r0", 18));
        writer.delete(topic, pod("ns", "p5", 6), 19);
        RecordingHandler<Pod> second = new RecordingHandler<>();
        Informer<Pod> secondRun = started("restarting", second);

        assertThat(secondRun.awaitSynced(DEADLINE)).isTrue();
        // none of the 15 changes handled before the restart is handled again; only the 4 made since
        assertThat(second.calls()).containsExactlyInAnyOrder(
                "update ns/p3@4->16", "update ns/p4@5->17", "add ns/r0@18", "delete ns/p5@6");
        assertThat(secondRun.indexer().size()).isEqualTo(12);
        assertThat(secondRun.indexer().get("ns/p0").orElseThrow().getMetadata().getResourceVersion()).isEqualTo("11");

        writer.event(topic, "ADDED", pod("ns", "s0", 20));
        await().atMost(DEADLINE).until(() -> second.calls().contains("add ns/s0@20"));
        assertThat(second.calls()).hasSize(5);
    }

    @Test
    void aTombstoneDeletesTheKeyIfCached() throws Exception {
        newTopics();
        writer.event(topic, "ADDED", pod("ns", "a", 1));
        writer.event(topic, "ADDED", pod("ns", "b", 2));
        RecordingHandler<Pod> handler = new RecordingHandler<>();
        Informer<Pod> informer = started("tombstones", handler);
        assertThat(informer.awaitSynced(DEADLINE)).isTrue();

        writer.tombstone(topic, null, "ns/a", "Pod", "ns", 3);
        writer.tombstone(topic, null, "ns/never", "Pod", "ns", 4);
        writer.event(topic, "ADDED", pod("ns", "marker", 5));

        // records of different keys may sit in different partitions: wait for both, their order is not defined
        await().atMost(DEADLINE).until(() -> handler.calls().containsAll(List.of("delete ns/a@1", "add ns/marker@5")));
        assertThat(handler.calls()).hasSize(4);
        assertThat(informer.indexer().listKeys()).containsExactlyInAnyOrder("ns/b", "ns/marker");
    }

    @Test
    void reSentRecordsAreDropped() throws Exception {
        newTopics();
        RecordingHandler<Pod> handler = new RecordingHandler<>();
        Informer<Pod> informer = started("duplicates", handler);
        assertThat(informer.awaitSynced(DEADLINE)).isTrue();

        writeHistoryWithReSends();

        // records of different keys may sit in different partitions: order holds per key only
        await().atMost(DEADLINE).until(() -> handler.calls().containsAll(List.of("delete ns/a@3", "add ns/marker@4")));
        assertThat(handler.calls()).containsExactlyInAnyOrder("add ns/a@1", "update ns/a@1->2", "delete ns/a@3", "add ns/marker@4");
        assertThat(handler.calls()).containsSubsequence("add ns/a@1", "update ns/a@1->2", "delete ns/a@3");

        RecordingHandler<Pod> fresh = new RecordingHandler<>();
        Informer<Pod> rebuilt = started("duplicates-fresh", fresh);
        assertThat(rebuilt.awaitSynced(DEADLINE)).isTrue();
        assertThat(fresh.calls()).containsExactly("add ns/marker@4");
    }

    /** a at 1 and 2, deleted at 3, then the relay re-sends all of it after a crash; then a marker. */
    private void writeHistoryWithReSends() throws Exception {
        for (int pass = 0; pass < 2; pass++) {
            writer.event(topic, "ADDED", pod("ns", "a", 1));
            writer.event(topic, "MODIFIED", pod("ns", "a", 2));
            writer.delete(topic, pod("ns", "a", 2), 3);
        }
        writer.event(topic, "ADDED", pod("ns", "marker", 4));
    }

    @Test
    void aRecordThatCannotBeReadIsSkipped() throws Exception {
        newTopics();
        writer.event(topic, "ADDED", pod("ns", "a", 1));
        writer.garbage(topic, "ns/broken");
        RecordingHandler<Pod> handler = new RecordingHandler<>();
        Informer<Pod> informer = started("garbage", handler);
        assertThat(informer.awaitSynced(DEADLINE)).isTrue();

        writer.garbage(topic, "ns/broken");
        writer.event(topic, "ADDED", pod("ns", "b", 2));

        await().atMost(DEADLINE).until(() -> handler.calls().size() == 2);
        assertThat(handler.calls()).containsExactly("add ns/a@1", "add ns/b@2");
    }

    @Test
    void waitsForATopicThatDoesNotExistYetWithoutCreatingIt() throws Exception {
        writer = new TopicWriter(bootstrapServers);
        kafka = new KafkaSettings(bootstrapServers, new Topics("kafka-source-" + PREFIXES.incrementAndGet()), Map.of());
        topic = kafka.topics().of(PODS);
        RecordingHandler<Pod> handler = new RecordingHandler<>();
        Informer<Pod> informer = started("early", handler);

        // a topic created by the reader would exist already, and uncompacted: creating it would fail
        writer.createTopic(topic, 3);
        writer.event(topic, "ADDED", pod("ns", "a", 1));

        assertThat(informer.awaitSynced(DEADLINE)).isTrue();
        await().atMost(DEADLINE).until(() -> handler.calls().contains("add ns/a@1"));
    }

    @Test
    void forNodePodsReadsOnlyItsNodesPartitionAndKeepsOnlyItsNodesPods() throws Exception {
        newTopics();
        int partitions = 8;
        String pods = kafka.topics().podsByNode();
        writer.createTopic(pods, partitions);
        String node = "node-a";
        int partition = KafkaEventSource.partitionOfNode(node, partitions);
        String neighbour = nodeWhere(n -> KafkaEventSource.partitionOfNode(n, partitions) == partition && !n.equals(node));
        String elsewhere = nodeWhere(n -> KafkaEventSource.partitionOfNode(n, partitions) != partition);
        writer.event(pods, partition, "ADDED", pod("ns", "mine-1", 1, node));
        writer.event(pods, partition, "ADDED", pod("ns", "neighbours", 2, neighbour));
        writer.event(pods, KafkaEventSource.partitionOfNode(elsewhere, partitions), "ADDED", pod("ns", "elsewhere", 3, elsewhere));

        RecordingHandler<Pod> handler = new RecordingHandler<>();
        Informer<Pod> informer = new Informer<>(KafkaEventSource.forNodePods(kafka, "kubelet-" + node, node, partitions));
        informer.addEventHandler(handler);
        informer.start();
        informers.add(informer);
        assertThat(informer.awaitSynced(DEADLINE)).isTrue();

        writer.event(pods, partition, "ADDED", pod("ns", "neighbours-2", 4, neighbour));
        writer.event(pods, partition, "ADDED", pod("ns", "mine-2", 5, node));
        writer.tombstone(pods, partition, "ns/mine-1", "Pod", "ns", 6);

        await().atMost(DEADLINE).until(() -> handler.calls().size() == 3);
        assertThat(handler.calls()).containsExactly("add ns/mine-1@1", "add ns/mine-2@5", "delete ns/mine-1@1");
        assertThat(informer.indexer().listKeys()).containsExactly("ns/mine-2");
    }

    @Test
    void refusesAClassThatIsNotTheResourcesOwn() {
        KafkaSettings settings = new KafkaSettings("127.0.0.1:1", new Topics("skiff"), Map.of());
        assertThatThrownBy(() -> KafkaEventSource.forResource(settings, "g", PODS, ConfigMap.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Informer<Pod> started(String group, RecordingHandler<Pod> handler) {
        Informer<Pod> informer = new Informer<>(KafkaEventSource.forResource(kafka, group, PODS, Pod.class));
        informer.addEventHandler(handler);
        informer.start();
        informers.add(informer);
        return informer;
    }

    private static String nodeWhere(Predicate<String> test) {
        for (int i = 0; ; i++) {
            if (test.test("node-" + i)) {
                return "node-" + i;
            }
        }
    }

    /** Every record now in the topic, as {@code key@resourceVersion}, read with a consumer of no group. */
    private List<String> records(String name) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.key() + "@" + new String(record.headers().lastHeader("resourceVersion").value(),
                            StandardCharsets.UTF_8));
                }
            }
            return records;
        }
    }
}
