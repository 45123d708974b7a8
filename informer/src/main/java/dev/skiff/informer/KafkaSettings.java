package dev.skiff.informer;

import dev.skiff.api.events.Topics;

import java.util.Map;

/**
 * How a {@link KafkaEventSource} reaches the event topics: the brokers, the topic names (their
 * prefix, as the api-server's {@code skiff.kafka.topic-prefix}) and any other Kafka consumer
 * property (security, timeouts), which the source's own settings override.
 */
public record KafkaSettings(String bootstrapServers, Topics topics, Map<String, String> clientProperties) {

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
    }
}
