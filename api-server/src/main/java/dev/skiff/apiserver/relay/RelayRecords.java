package dev.skiff.apiserver.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.events.EventHeaders;
import dev.skiff.api.events.Topics;
import dev.skiff.api.json.Json;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.apiserver.storage.ObjectCodec;
import dev.skiff.store.KeyValue;
import dev.skiff.store.StoreException;
import dev.skiff.store.WatchEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one committed change into the Kafka records that carry it: the watch event
 * {@code {"type":…,"object":…}} on the resource's topic keyed {@code namespace/name}; for a pod
 * bound to a node, the same on the pods-by-node topic in the partition of its node; and after a
 * DELETED event a tombstone, so compaction drops the object entirely.
 */
final class RelayRecords {

    private static final String REGISTRY = "/registry/";

    private final Topics topics;
    private final int podsByNodePartitions;
    private final Map<String, ResourceType> byPlural = new HashMap<>();

    RelayRecords(ResourceRegistry registry, Topics topics, int podsByNodePartitions) {
        this.topics = topics;
        this.podsByNodePartitions = podsByNodePartitions;
        for (ResourceType type : registry.all()) {
            byPlural.put(type.plural(), type);
        }
    }

    /** The partition of the pods-by-node topic a node's pods go to (and its kubelet reads). */
    static int partitionOfNode(String nodeName, int partitions) {
        return Utils.toPositive(Utils.murmur2(nodeName.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The records of a change; empty for a key outside the registry's resources. */
    List<ProducerRecord<String, byte[]>> of(WatchEvent event) {
        String type = switch (event.type()) {
            case DELETE -> "DELETED";
            case PUT -> event.isCreate() ? "ADDED" : "MODIFIED";
        };
        return of(type, event.kv(), event.revision());
    }

    /** The records that republish an object as it stands (a snapshot). */
    List<ProducerRecord<String, byte[]>> snapshotOf(KeyValue kv) {
        return of("ADDED", kv, kv.modRevision());
    }

    private List<ProducerRecord<String, byte[]>> of(String eventType, KeyValue kv, long revision) {
        String key = kv.key();
        if (!key.startsWith(REGISTRY)) {
            return List.of();
        }
        String[] parts = key.substring(REGISTRY.length()).split("/");
        ResourceType type = byPlural.get(parts[0]);
        if (type == null || parts.length != (type.namespaced() ? 3 : 2)) {
            return List.of();
        }
        String namespace = type.namespaced() ? parts[1] : null;
        String name = parts[parts.length - 1];
        String recordKey = Topics.key(namespace, name);

        byte[] value;
        try {
            value = ObjectCodec.watchEvent(eventType, kv.value(), revision);
        } catch (IllegalArgumentException e) {
            throw new StoreException("stored value of " + key + " is not a JSON object", e);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.RESOURCE_VERSION, Long.toString(revision).getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.KIND, type.kind().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        if (namespace != null) {
            headers.add(EventHeaders.NAMESPACE, namespace.getBytes(StandardCharsets.UTF_8));
        }

        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(4);
        String topic = topics.of(type);
        boolean deleted = eventType.equals("DELETED");
        records.add(new ProducerRecord<>(topic, null, recordKey, value, headers));
        if (deleted) {
            records.add(new ProducerRecord<>(topic, null, recordKey, null, headers));
        }
        String node = type.group().isEmpty() && type.kind().equals("Pod") ? ObjectCodec.nestedText(kv.value(), "spec", "nodeName") : "";
        if (!node.isEmpty()) {
            int partition = partitionOfNode(node, podsByNodePartitions);
            records.add(new ProducerRecord<>(topics.podsByNode(), partition, recordKey, value, headers));
            if (deleted) {
                records.add(new ProducerRecord<>(topics.podsByNode(), partition, recordKey, null, headers));
            }
        }
        return records;
    }

    /**
     * The records that delete, on its topic, an object the store no longer has: a DELETED event
     * with the object's last state on the topic, at {@code revision}, then a tombstone.
     */
    List<ProducerRecord<String, byte[]>> deletionOf(ConsumerRecord<String, byte[]> last, long revision) {
        ObjectNode object;
        try {
            object = (ObjectNode) Json.MAPPER.readTree(last.value()).path("object");
        } catch (IOException | ClassCastException e) {
            object = Json.MAPPER.createObjectNode();
        }
        ObjectCodec.metadata(object).put("resourceVersion", Long.toString(revision));
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", "DELETED");
        event.set("object", object);
        RecordHeaders headers = new RecordHeaders();
        for (var header : last.headers()) {
            if (!header.key().equals(EventHeaders.RESOURCE_VERSION) && !header.key().equals(EventHeaders.TYPE)) {
                headers.add(header);
            }
        }
        headers.add(EventHeaders.RESOURCE_VERSION, Long.toString(revision).getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.TYPE, "DELETED".getBytes(StandardCharsets.UTF_8));
        return List.of(
                new ProducerRecord<>(last.topic(), last.partition(), last.key(), bytes(event), headers),
                new ProducerRecord<>(last.topic(), last.partition(), last.key(), null, headers));
    }

    private static byte[] bytes(ObjectNode event) {
        try {
            return Json.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event", e);
        }
    }
}
