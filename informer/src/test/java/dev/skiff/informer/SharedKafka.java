package dev.skiff.informer;

import dev.skiff.kafka.testing.KafkaBroker;

/**
 * One real Kafka broker for the test classes that need one, started on first use (with settings
 * under which compaction shows within seconds) and killed when the test JVM exits.
 */
final class SharedKafka {

    private static KafkaBroker broker;

    private SharedKafka() {
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = KafkaBroker.start(KafkaBroker.QUICK_COMPACTION);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-stop"));
        }
        return broker.bootstrapServers();
    }
}
