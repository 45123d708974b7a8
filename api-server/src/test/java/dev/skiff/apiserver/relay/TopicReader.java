package dev.skiff.apiserver.relay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a topic (or one partition of it) from the beginning with a real Kafka consumer. */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    private TopicReader(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    static TopicReader of(String bootstrapServers, String topic) {
        TopicReader reader = new TopicReader(bootstrapServers);
        List<TopicPartition> partitions = reader.consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        reader.consumer.assign(partitions);
        reader.consumer.seekToBeginning(partitions);
        return reader;
    }

    static TopicReader ofPartition(String bootstrapServers, String topic, int partition) {
        TopicReader reader = new TopicReader(bootstrapServers);
        TopicPartition tp = new TopicPartition(topic, partition);
        reader.consumer.assign(List.of(tp));
        reader.consumer.seekToBeginning(List.of(tp));
        return reader;
    }

    /** Polls once more and returns everything read so far whose key matches. */
    List<ConsumerRecord<String, byte[]>> poll(Predicate<String> key) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.stream().filter(r -> key.test(r.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
