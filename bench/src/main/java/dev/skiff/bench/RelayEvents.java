package dev.skiff.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a topic's records from a background thread, assigned to all its partitions from their
 * current end, and notes when each resourceVersion (the record header) first arrived, in
 * {@link System#nanoTime()}.
 */
final class RelayEvents implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Long, Long> receivedNanos = new ConcurrentHashMap<>();
    private final Thread thread;

    private RelayEvents(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
        this.thread = new Thread(this::poll, "skiff-bench-relay-consumer");
    }

    /** True when the topic exists; does not create it. */
    static boolean topicExists(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            return consumer.listTopics().containsKey(topic);
        }
    }

    /** Starts reading TOPIC from the end of each partition; returns once those ends are fixed. */
    static RelayEvents fromEnd(String bootstrapServers, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map((PartitionInfo partition) -> new TopicPartition(topic, partition.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        RelayEvents events = new RelayEvents(consumer);
        events.thread.start();
        return events;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void poll() {
        try {
            while (true) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    Header resourceVersion = record.headers().lastHeader("resourceVersion");
                    if (resourceVersion != null) {
                        receivedNanos.putIfAbsent(
                                Long.parseLong(new String(resourceVersion.value(), StandardCharsets.UTF_8)), now);
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() asked to stop
        } finally {
            consumer.close();
        }
    }

    /** When the record of RESOURCE_VERSION first arrived, or null if it has not. */
    Long receivedNanos(long resourceVersion) {
        return receivedNanos.get(resourceVersion);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join();
    }
}
