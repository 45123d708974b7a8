package dev.skiff.systemtests.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;

/**
 * An event topic read from the beginning with a plain Kafka consumer (every partition assigned, no
 * group), as any new consumer reads it. Records are kept in the order read, which within a partition,
 * and so for each key, is the topic's order.
 */
public final class EventLog implements AutoCloseable {

    private static final Duration TOPIC_DEADLINE = Duration.ofSeconds(60);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(30);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One record.
     *
     * @param resourceVersion from the {@code resourceVersion} header
     * @param type            the event's {@code type} ({@code ADDED}, {@code MODIFIED}, {@code DELETED}); for a
     *                        tombstone, its {@code type} header
     * @param tombstone       true for a record with no value
     */
    public record Event(String key, int partition, long offset, long resourceVersion, String type, boolean tombstone) {
    }

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final List<Event> events = new ArrayList<>();

    private EventLog(String topic, KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        this.topic = topic;
        this.consumer = consumer;
        this.partitions = partitions;
    }

    /** Opens the topic at its beginning, once it exists (the relay creates it); nothing is read yet. */
    public static EventLog fromBeginning(String bootstrapServers, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // reading must not create the topic: the relay creates it, compacted
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
        try {
            List<PartitionInfo> infos = await("topic " + topic + " exists").atMost(TOPIC_DEADLINE)
                    .until(() -> consumer.listTopics(POLL_TIMEOUT.multipliedBy(10)).get(topic), info -> info != null);
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return new EventLog(topic, consumer, partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Reads what has arrived since the last read (waiting at most 200 ms for it). */
    public void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
            events.add(event(record));
        }
    }

    /** Reads until every partition has been read up to its end as of this call. */
    public void readToEnd() {
        Map<TopicPartition, Long> end = endOffsets();
        await("reading " + topic + " to its end").atMost(READ_DEADLINE).pollInSameThread().pollDelay(Duration.ZERO)
                .until(() -> {
                    poll();
                    return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                });
    }

    /** Each partition's next offset: where a record written from now on will go. */
    public Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions);
    }

    /** Every record read so far, in the order read. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The records read so far at or after these offsets (from {@link #endOffsets()}). */
    public List<Event> eventsFrom(Map<TopicPartition, Long> offsets) {
        return events.stream().filter(e -> e.offset() >= offsets.get(new TopicPartition(topic, e.partition()))).toList();
    }

    /**
     * The changes read so far, per key in topic order, de-duplicated as consumers do: a record whose
     * resourceVersion the key has already had is a repeat and is dropped. Tombstones are not changes
     * (they follow a {@code DELETED} event with its resourceVersion).
     */
    public Map<String, List<Change>> changesByKey() {
        Map<String, List<Change>> changes = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Event event : events) {
            if (!event.tombstone() && seen.add(event.key() + "@" + event.resourceVersion())) {
                changes.computeIfAbsent(event.key(), k -> new ArrayList<>())
                        .add(new Change(event.key(), event.resourceVersion(), event.type()));
            }
        }
        return changes;
    }

    /** The resourceVersions of the tombstones read so far, per key. */
    public Map<String, Set<Long>> tombstonesByKey() {
        Map<String, Set<Long>> tombstones = new TreeMap<>();
        for (Event event : events) {
            if (event.tombstone()) {
                tombstones.computeIfAbsent(event.key(), k -> new HashSet<>()).add(event.resourceVersion());
            }
        }
        return tombstones;
    }

    /**
     * What a consumer that folds the topic ends with: per key the resourceVersion of its newest record,
     * keys whose newest record is a tombstone left out. (A {@code DELETED} event that is not yet followed
     * by its tombstone still counts: the object is gone.)
     */
    public Map<String, Long> fold() {
        Map<String, Long> state = new LinkedHashMap<>();
        for (Event event : events) {
            if (event.tombstone() || event.type().equals("DELETED")) {
                state.remove(event.key());
            } else {
                state.put(event.key(), event.resourceVersion());
            }
        }
        return new TreeMap<>(state);
    }

    @Override
    public void close() {
        consumer.close();
    }

    private static Event event(ConsumerRecord<String, byte[]> record) {
        long resourceVersion = Long.parseLong(header(record, "resourceVersion"));
        if (record.value() == null) {
            return new Event(record.key(), record.partition(), record.offset(), resourceVersion, header(record, "type"), true);
        }
        JsonNode value;
        try {
            value = JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException("the record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " is not JSON", e);
        }
        String inObject = value.path("object").path("metadata").path("resourceVersion").asText();
        if (!inObject.equals(Long.toString(resourceVersion))) {
            throw new IllegalStateException("the record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " has resourceVersion " + resourceVersion + " in its header but "
                    + inObject + " in its object");
        }
        return new Event(record.key(), record.partition(), record.offset(), resourceVersion,
                value.path("type").asText(), false);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            throw new IllegalStateException("the record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " has no " + name + " header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
