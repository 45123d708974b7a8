package dev.skiff.informer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.events.EventHeaders;
import dev.skiff.api.events.Topics;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Writes event records as the api-server's relay does (README, "Event backbone"): key
 * {@code namespace/name}, value {@code {"type","object"}}, headers resourceVersion, kind, type and
 * namespace; a tombstone is a null value with the same headers. Creates compacted topics.
 */
final class TopicWriter implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    TopicWriter(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Creates a compacted topic. */
    void createTopic(String topic, int partitions) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
    }

    /** The event of a change, at the object's resourceVersion, on the partition Kafka picks for its key. */
    void event(String topic, String type, HasMetadata object) throws Exception {
        send(topic, null, type, object);
    }

    /** The event of a change, on a given partition (the pods-by-node topic). */
    void event(String topic, int partition, String type, HasMetadata object) throws Exception {
        send(topic, partition, type, object);
    }

    /** A DELETED event at the revision, then its tombstone, as the relay writes a delete. */
    void delete(String topic, HasMetadata object, long revision) throws Exception {
        object.getMetadata().setResourceVersion(Long.toString(revision));
        send(topic, null, "DELETED", object);
        tombstone(topic, null, Topics.key(object.getMetadata().getNamespace(), object.getMetadata().getName()),
                object.getKind(), object.getMetadata().getNamespace(), revision);
    }

    /** A tombstone alone: what compaction leaves of a delete. */
    void tombstone(String topic, Integer partition, String key, String kind, String namespace, long revision) throws Exception {
        RecordHeaders headers = headers(Long.toString(revision), kind, "DELETED", namespace);
        producer.send(new ProducerRecord<>(topic, partition, key, null, headers)).get();
    }

    /** A record whose value is not an event. */
    void garbage(String topic, String key) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, "not json".getBytes(StandardCharsets.UTF_8))).get();
    }

    private void send(String topic, Integer partition, String type, HasMetadata object) throws Exception {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", type);
        event.set("object", Json.MAPPER.valueToTree(object));
        String namespace = object.getMetadata().getNamespace();
        RecordHeaders headers = headers(object.getMetadata().getResourceVersion(), object.getKind(), type, namespace);
        String key = Topics.key(namespace, object.getMetadata().getName());
        producer.send(new ProducerRecord<>(topic, partition, key, Json.MAPPER.writeValueAsBytes(event), headers)).get();
    }

    private static RecordHeaders headers(String resourceVersion, String kind, String type, String namespace) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.RESOURCE_VERSION, resourceVersion.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.KIND, kind.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        if (namespace != null) {
            headers.add(EventHeaders.NAMESPACE, namespace.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Override
    public void close() {
        producer.close();
    }
}
