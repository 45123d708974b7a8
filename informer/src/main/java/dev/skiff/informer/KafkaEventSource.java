package dev.skiff.informer;

import dev.skiff.api.events.EventHeaders;
import dev.skiff.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A resource's Kafka topic as an {@link EventSource}: how informers read in a cluster. The relay
 * publishes each change as a watch event {@code {"type","object"}} keyed {@code namespace/name},
 * with a {@code resourceVersion} header, and a tombstone after a delete (README, "Event backbone").
 *
 * <p>The source reads every partition of the topic by assignment (an informer needs all of them, so
 * group management, which would split them between instances, is not used) and keeps its offsets
 * in the consumer group the caller names, one group per informing process:
 * <ul>
 *   <li>At start it reads the topic from the beginning to its end. What lies before the group's
 *       committed offsets was handled by an earlier run: it becomes the cache silently
 *       ({@link Listener#restore}). The full state at the end is a {@link Listener#reset}, so the
 *       handlers hear only of what changed after the committed offsets. A new group has no
 *       offsets, so its handlers hear of every live object in the compacted topic.</li>
 *   <li>Then it follows the topic. Offsets are committed after the listener (the informer's
 *       handlers) has taken a batch, so a restart resumes where handling stopped.</li>
 *   <li>A record whose {@code resourceVersion} header is not newer than the last taken for its key
 *       is a relay re-send, and dropped. A tombstone deletes the key from the cache.</li>
 * </ul>
 * Kafka failures are retried with back-off (1 s doubling to 30 s); a record that cannot be read is
 * logged and skipped.
 */
public final class KafkaEventSource<T extends HasMetadata> implements EventSource<T> {

    private static final System.Logger LOG = System.getLogger(KafkaEventSource.class.getName());
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final String description;
    private final WatchEventReader<T> events;
    private final Map<String, Object> consumerConfig;
    /** The partitions to read, found with the consumer; empty while the topic does not exist yet. */
    private final Function<KafkaConsumer<String, byte[]>, List<TopicPartition>> partitions;
    /** The objects this source is about; others on the same topic are skipped. */
    private final Predicate<T> wanted;
    private final SourceThread source = new SourceThread();
    /** Handled records not yet committed: the next offset of each partition. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private KafkaConsumer<String, byte[]> consumer;
    private ResourceVersionFilter filter;

    private KafkaEventSource(String description, Class<T> objectClass, KafkaSettings kafka, String groupId,
                             Function<KafkaConsumer<String, byte[]>, List<TopicPartition>> partitions, Predicate<T> wanted) {
        this.description = description;
        this.events = new WatchEventReader<>(objectClass);
        this.partitions = partitions;
        this.wanted = wanted;
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a topic the api-server has not created yet must not be created by a reader, uncompacted
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumerConfig = config;
    }

    /**
     * Every object of the type, from its topic ({@code Topics.of(type)}), with offsets kept in the
     * group.
     */
    public static <T extends HasMetadata> KafkaEventSource<T> forResource(KafkaSettings kafka, String groupId,
                                                                          ResourceType type, Class<T> objectClass) {
        if (!type.type().equals(objectClass)) {
            throw new IllegalArgumentException(type.kind() + " objects are " + type.type().getName() + ", not " + objectClass.getName());
        }
        String topic = kafka.topics().of(type);
        return new KafkaEventSource<>("Kafka topic " + topic, objectClass, kafka, groupId,
                consumer -> consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList(),
                object -> true);
    }

    /**
     * The pods bound to one node, as its kubelet reads them: only the node's partition of the
     * pods-by-node topic ({@code murmur2(nodeName) mod partitions}, as the relay places them), and
     * of that only the pods whose {@code spec.nodeName} is the node.
     *
     * @param partitions the partitions of the pods-by-node topic (the api-server's {@code skiff.kafka.pods-by-node-partitions})
     */
    public static KafkaEventSource<Pod> forNodePods(KafkaSettings kafka, String groupId, String nodeName, int partitions) {
        TopicPartition partition = new TopicPartition(kafka.topics().podsByNode(), partitionOfNode(nodeName, partitions));
        return new KafkaEventSource<>("Kafka " + partition + " for node " + nodeName, Pod.class, kafka, groupId,
                consumer -> topicExists(consumer, partition.topic()) ? List.of(partition) : List.of(),
                pod -> pod.getSpec() != null && nodeName.equals(pod.getSpec().getNodeName()));
    }

    /** The partition of the pods-by-node topic that carries a node's pods. */
    static int partitionOfNode(String nodeName, int partitions) {
        return Utils.toPositive(Utils.murmur2(nodeName.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public synchronized void start(Listener<T> listener) {
        if (consumer != null) {
            throw new IllegalStateException("a source starts once");
        }
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        source.start("skiff-kafka-source", () -> run(listener));
    }

    @Override
    public void stop() {
        source.stop(() -> consumer.wakeup());
    }

    @Override
    public String toString() {
        return description;
    }

    private void run(Listener<T> listener) {
        Duration retry = FIRST_RETRY;
        boolean synced = false;
        try {
            while (!source.stopped()) {
                try {
                    if (!synced) {
                        synced = readToEnd(listener);
                    } else {
                        follow(listener);
                    }
                    retry = FIRST_RETRY;
                } catch (WakeupException e) {
                    // stop() woke the consumer up
                } catch (KafkaException e) {
                    LOG.log(System.Logger.Level.WARNING, description + " failed; retrying in " + retry.toSeconds() + " s: " + e);
                    if (source.awaitStop(retry)) {
                        break;
                    }
                    retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                }
            }
        } finally {
            try {
                commit();
            } catch (KafkaException e) {
                LOG.log(System.Logger.Level.WARNING, description + " could not commit its last offsets; "
                        + "the records after its last commit will be handled again at its next start: " + e);
            }
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }

    /**
     * Assigns the partitions and reads them from the beginning to their end, then hands the state to
     * the listener: first what the group's committed offsets cover, then all of it. False if the topic
     * does not exist yet.
     */
    private boolean readToEnd(Listener<T> listener) {
        List<TopicPartition> assigned = partitions.apply(consumer);
        if (assigned.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, description + " does not exist yet; waiting for it");
            source.awaitStop(FIRST_RETRY);
            return false;
        }
        consumer.assign(assigned);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(assigned));
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
        consumer.seekToBeginning(assigned);
        filter = new ResourceVersionFilter();
        Map<String, T> restored = new LinkedHashMap<>();
        Map<String, T> current = new LinkedHashMap<>();
        long newest = -1;
        while (!reached(end)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                OffsetAndMetadata mark = committed.get(new TopicPartition(record.topic(), record.partition()));
                boolean handledBefore = mark != null && record.offset() < mark.offset();
                Change<T> change = read(record);
                if (change == null) {
                    continue;
                }
                newest = Math.max(newest, change.revision());
                apply(change, current);
                if (handledBefore) {
                    apply(change, restored);
                }
            }
        }
        if (committed.values().stream().anyMatch(mark -> mark != null)) {
            listener.restore(List.copyOf(restored.values()));
        }
        listener.reset(List.copyOf(current.values()), newest < 0 ? "" : Long.toString(newest));
        for (TopicPartition partition : assigned) {
            uncommitted.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        commit();
        return true;
    }

    /** Polls once, hands each change to the listener, then commits. */
    private void follow(Listener<T> listener) {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
        for (ConsumerRecord<String, byte[]> record : records) {
            Change<T> change = read(record);
            if (change != null) {
                if (change.object() == null) {
                    listener.deleted(change.key(), change.revision() < 0 ? null : Long.toString(change.revision()));
                } else {
                    listener.event(change.type(), change.object());
                }
            }
            uncommitted.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        commit();
    }

    private void commit() {
        if (!uncommitted.isEmpty()) {
            consumer.commitSync(uncommitted, COMMIT_TIMEOUT);
            uncommitted.clear();
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static <T> void apply(Change<T> change, Map<String, T> state) {
        if (change.object() == null || change.type() == EventType.DELETED) {
            state.remove(change.key());
        } else {
            state.put(change.key(), change.object());
        }
    }

    /**
     * The change a record carries, or null if it is to be skipped: a re-send, a pod of another
     * node, or a record that cannot be read. A tombstone is a change without an object.
     */
    private Change<T> read(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            LOG.log(System.Logger.Level.WARNING, description + " skips a record without a key at " + position(record));
            return null;
        }
        long revision = ResourceVersions.parse(header(record, EventHeaders.RESOURCE_VERSION));
        if (record.value() == null) {
            return filter.accept(key, revision, true) ? new Change<>(EventType.DELETED, key, null, revision) : null;
        }
        EventType type;
        T object;
        try {
            WatchEventReader.Event<T> event = events.read(record.value());
            type = EventType.valueOf(event.type());
            object = event.object();
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, description + " skips a record it cannot read at " + position(record) + ": " + e);
            return null;
        }
        if (object == null || object.getMetadata() == null || !wanted.test(object)) {
            return null;
        }
        if (revision < 0) {
            revision = ResourceVersions.parse(object.getMetadata().getResourceVersion());
        }
        return filter.accept(key, revision, type == EventType.DELETED) ? new Change<>(type, key, object, revision) : null;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static boolean topicExists(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        return partitions != null && !partitions.isEmpty();
    }

    /** One record's change: a tombstone has no object and no type of its own. */
    private record Change<T>(EventType type, String key, T object, long revision) {
    }
}
